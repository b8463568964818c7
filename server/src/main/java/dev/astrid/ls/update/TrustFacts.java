package dev.astrid.ls.update;

import dev.astrid.ls.model.Manifest;
import dev.astrid.ls.model.PermissionId;
import dev.astrid.ls.yaml.YamlMapping;
import dev.astrid.ls.yaml.YamlNode;
import dev.astrid.ls.yaml.YamlScalar;
import dev.astrid.ls.yaml.YamlSequence;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.ToIntFunction;
import java.util.stream.Stream;

/**
 * The part of Astrid's trust summary that its update diff compares, for one revision of a pack:
 * what {@code astrid packs update --dry-run} reads from the installed record and from the new
 * revision. Built exactly as Astrid builds it (see docs/update-preview.md for the sources), with
 * each value's node in the manifest so an editor can point at it.
 */
public record TrustFacts(String version, Map<String, Integer> components, List<String> entrypoints,
                         List<Secret> secrets, Map<String, Permission> permissions) {

    /** The component kinds the diff counts, in its order. */
    public static final List<String> COMPONENT_KINDS = List.of("executors", "orchestrators", "elements");

    /** A permission as Astrid normalises it; {@code access} is "" when not given. */
    public record Permission(String id, String reason, String access, List<String> services, YamlNode node) {
        /** As Astrid prints it in the diff: {@code id: reason; access=…; services=a, b}. */
        public String label() {
            List<String> details = new ArrayList<>();
            if (!reason.isBlank()) {
                details.add(reason.strip());
            }
            if (!access.isBlank()) {
                details.add("access=" + access.strip());
            }
            List<String> names = services.stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
            if (!names.isEmpty()) {
                details.add("services=" + String.join(", ", names));
            }
            return details.isEmpty() ? id : id + ": " + String.join("; ", details);
        }

        /** The fields that differ, in Astrid's key order; empty when Astrid sees no change. */
        public List<String> changedFields(Permission other) {
            List<String> out = new ArrayList<>();
            if (!reason.equals(other.reason)) {
                out.add("reason");
            }
            if (!access.equals(other.access)) {
                out.add("access");
            }
            if (!services.equals(other.services)) {
                out.add("services");
            }
            return out;
        }
    }

    /** A pack-level secret as the diff shows it: a label, or only the name for schema-version-2 installs. */
    public record Secret(String label, YamlNode node) {}

    /**
     * How Astrid summarises a pack for the diff. It is fixed by the installed revision: a
     * schema-version-2 install is compared through the canonical v2 loader, anything else
     * through the legacy trust-summary extraction.
     */
    public enum Flavor {
        /** banodoco/ArtAgents {@code extract_trust_summary}: schema_version absent, 1, or anything but 2 and 3+. */
        LEGACY,
        /** banodoco/ArtAgents {@code _canonical_trust_summary}: an install with integer schema_version 2. */
        CANONICAL_V2,
        /** peteromallet/Astrid-agent {@code extract_trust_summary}: as legacy, entrypoints from normal_entrypoints only. */
        AGENT_V3;

        public static Flavor of(Manifest installed) {
            Integer v = installed.schemaVersion();
            return v == null ? LEGACY : v == 2 ? CANONICAL_V2 : v >= 3 ? AGENT_V3 : LEGACY;
        }
    }

    /** Astrid could not summarise this revision (its update stops with an error); the message says why. */
    public static final class Refused extends Exception {
        Refused(String message) {
            super(message);
        }
    }

    /**
     * The facts of one revision.
     *
     * @param installed true for the installed (base) side: Astrid reads its version from the
     *     install record, where a missing version was stored as 0.0.0
     * @param childFolders counts the non-hidden sub-folders of a folder given relative to the
     *     pack (0 when it does not exist): Astrid's component counts
     */
    static TrustFacts of(Manifest pack, Flavor flavor, boolean installed, ToIntFunction<String> childFolders)
            throws Refused {
        YamlMapping root = pack.root();
        if (!pack.yaml().errors().isEmpty() || root == null) {
            throw new Refused("its pack manifest " + (root == null ? "is not a mapping" : "has YAML syntax errors"));
        }
        return flavor == Flavor.CANONICAL_V2 ? canonical(pack, root) : legacy(pack, root, flavor, installed, childFolders);
    }

    /**
     * Astrid's executor, orchestrator and element counts, the ones its trust summary prints and
     * its update diff compares. Legacy and schema version 3: the non-hidden sub-folders of the
     * folder {@code content.<kind>} names (0 when it is not a non-blank string); canonical v2:
     * none (Astrid counts {@code resources} there, which neither prints).
     */
    public static Map<String, Integer> components(Manifest pack, Flavor flavor, ToIntFunction<String> childFolders) {
        Map<String, Integer> components = new LinkedHashMap<>();
        YamlMapping content = flavor != Flavor.CANONICAL_V2 && pack.root() != null
                && pack.root().get("content") instanceof YamlMapping c ? c : null;
        for (String kind : COMPONENT_KINDS) {
            YamlNode folder = content == null ? null : content.get(kind);
            boolean named = PyValue.isString(folder) && !PyValue.str(folder).isBlank();
            components.put(kind, named ? childFolders.applyAsInt(PyValue.str(folder)) : 0);
        }
        return components;
    }

    /** {@link #components}' folder count on disk: non-hidden sub-folders; a folder outside the pack counts 0. */
    public static ToIntFunction<String> onDisk(Path packRoot) {
        return folder -> GitBaselines.inside("", folder).map(relative -> {
            try (Stream<Path> children = Files.list(packRoot.resolve(relative))) {
                return (int) children.filter(c -> Files.isDirectory(c) && !c.getFileName().toString().startsWith("."))
                        .count();
            } catch (IOException | SecurityException e) {
                return 0; // no such folder
            }
        }).orElse(0);
    }

    private static TrustFacts legacy(Manifest pack, YamlMapping root, Flavor flavor, boolean installed,
                                     ToIntFunction<String> childFolders) throws Refused {
        String version = root.has("version") ? PyValue.str(root.get("version")) : installed ? "0.0.0" : "";
        Map<String, Integer> components = components(pack, flavor, childFolders);
        YamlMapping agent = root.get("agent") instanceof YamlMapping a ? a : null;
        List<String> entrypoints = agent == null ? List.of() : truthyStrings(agent.get("normal_entrypoints"));
        if (entrypoints.isEmpty() && agent != null && flavor == Flavor.LEGACY) {
            entrypoints = truthyStrings(agent.get("entrypoints"));
        }
        List<Secret> secrets = new ArrayList<>();
        YamlNode raw = root.get("secrets");
        if (raw instanceof YamlSequence list) {
            for (YamlNode item : items(list)) {
                if (item instanceof YamlMapping s && PyValue.truthy(s.get("name"))) {
                    String label = PyValue.str(s.get("name"));
                    if (PyValue.truthy(s.get("required"))) {
                        label += " (required)";
                    }
                    if (PyValue.truthy(s.get("description"))) {
                        label += ": " + PyValue.str(s.get("description"));
                    }
                    secrets.add(new Secret(label, s));
                }
            }
        } else if (raw instanceof YamlMapping m && m.get("required") instanceof YamlSequence required) {
            for (YamlNode name : items(required)) {
                if (PyValue.truthy(name)) {
                    secrets.add(new Secret(PyValue.str(name), name));
                }
            }
        }
        return new TrustFacts(version, components, entrypoints, secrets, legacyPermissions(root.get("permissions")));
    }

    /** Astrid's legacy permission normaliser: the same refusals, reason and access kept as written. */
    private static Map<String, Permission> legacyPermissions(YamlNode raw) throws Refused {
        Map<String, Permission> out = new LinkedHashMap<>();
        if (raw == null || raw instanceof YamlScalar s && s.isNull()) {
            return out;
        }
        if (!(raw instanceof YamlSequence list)) {
            throw new Refused("permissions must be an array");
        }
        List<YamlNode> items = items(list);
        for (int i = 0; i < items.size(); i++) {
            String at = "permissions[" + i + "]";
            if (!(items.get(i) instanceof YamlMapping p)) {
                throw new Refused(at + " must be an object");
            }
            Set<String> unknown = new java.util.TreeSet<>();
            p.entries().forEach(e -> unknown.add(e.keyText()));
            unknown.removeAll(List.of("id", "reason", "access", "services"));
            if (!unknown.isEmpty()) {
                throw new Refused(at + " has unknown field(s): " + String.join(", ", unknown));
            }
            String id = required(p, "id", at);
            if (PermissionId.of(id).isEmpty()) {
                throw new Refused(at + ".id must be one of " + PermissionId.ids());
            }
            String reason = required(p, "reason", at);
            String access = "";
            YamlNode accessNode = p.get("access");
            if (p.has("access") && !(PyValue.isString(accessNode) && PyValue.str(accessNode).isEmpty())) {
                if (!PyValue.isString(accessNode) || PyValue.str(accessNode).isBlank()) {
                    throw new Refused(at + ".access must be a non-empty string");
                }
                access = PyValue.str(accessNode);
            }
            List<String> services = new ArrayList<>();
            YamlNode rawServices = p.get("services");
            if (rawServices != null && !(rawServices instanceof YamlScalar s && s.isNull())) {
                if (!(rawServices instanceof YamlSequence seq)) {
                    throw new Refused(at + ".services must be an array");
                }
                List<YamlNode> names = items(seq);
                for (int j = 0; j < names.size(); j++) {
                    if (!PyValue.isString(names.get(j)) || PyValue.str(names.get(j)).isBlank()) {
                        throw new Refused(at + ".services[" + j + "] must be a non-empty string");
                    }
                    services.add(PyValue.str(names.get(j)).strip());
                }
            }
            out.remove(id); // keyed by id: a later duplicate wins, as in Astrid's dict
            out.put(id, new Permission(id, reason, access, List.copyOf(services), p));
        }
        return out;
    }

    private static String required(YamlMapping p, String key, String at) throws Refused {
        if (!p.has(key)) {
            throw new Refused("missing required field " + at + "." + key);
        }
        YamlNode v = p.get(key);
        if (!PyValue.isString(v) || PyValue.str(v).isBlank()) {
            throw new Refused(at + "." + key + " must be a non-empty string");
        }
        return PyValue.str(v);
    }

    /**
     * Astrid's canonical v2 summary: version, secret names and permissions with every text
     * stripped and services sorted; no entrypoints, and no executor, orchestrator or element counts.
     */
    private static TrustFacts canonical(Manifest pack, YamlMapping root) throws Refused {
        if (!pack.document().uri().endsWith("/pack.yaml")) {
            throw new Refused("a schema_version 2 install updates only from a pack.yaml");
        }
        if (!Integer.valueOf(2).equals(pack.schemaVersion())) {
            throw new Refused("a schema_version 2 install updates only from a schema_version 2 pack.yaml");
        }
        String version = text(root.get("version"), "version");
        Map<String, Integer> components = components(pack, Flavor.CANONICAL_V2, folder -> 0);
        Map<String, Secret> secrets = new TreeMap<>();
        if (root.get("secrets") instanceof YamlSequence list) {
            List<YamlNode> items = items(list);
            for (int i = 0; i < items.size(); i++) {
                if (!(items.get(i) instanceof YamlMapping s)) {
                    throw new Refused("secrets[" + i + "] must be an object");
                }
                String name = text(s.get("name"), "secrets[" + i + "].name");
                if (secrets.put(name, new Secret(name, s)) != null) {
                    throw new Refused("secrets contains duplicate '" + name + "'");
                }
            }
        }
        Map<String, Permission> permissions = new TreeMap<>();
        if (root.get("permissions") instanceof YamlSequence list) {
            List<YamlNode> items = items(list);
            for (int i = 0; i < items.size(); i++) {
                String at = "permissions[" + i + "]";
                if (!(items.get(i) instanceof YamlMapping p)) {
                    throw new Refused(at + " must be an object");
                }
                String id = text(p.get("id"), at + ".id");
                if (PermissionId.of(id).isEmpty()) {
                    throw new Refused(at + ".id must be one of " + PermissionId.ids());
                }
                String reason = text(p.get("reason"), at + ".reason");
                String access = p.has("access") ? text(p.get("access"), at + ".access") : "";
                Set<String> services = new java.util.TreeSet<>();
                if (p.get("services") instanceof YamlSequence seq) {
                    List<YamlNode> names = items(seq);
                    for (int j = 0; j < names.size(); j++) {
                        if (!services.add(text(names.get(j), at + ".services[" + j + "]"))) {
                            throw new Refused(at + ".services contains duplicate '" + PyValue.str(names.get(j)).strip()
                                    + "'");
                        }
                    }
                }
                if (permissions.put(id, new Permission(id, reason, access, List.copyOf(services), p)) != null) {
                    throw new Refused("permissions contains duplicate '" + id + "'");
                }
            }
        }
        return new TrustFacts(version, components, List.of(), new ArrayList<>(secrets.values()),
                new LinkedHashMap<>(permissions));
    }

    private static String text(YamlNode node, String at) throws Refused {
        if (!PyValue.isString(node) || PyValue.str(node).isBlank()) {
            throw new Refused(at + " must be non-blank text");
        }
        return PyValue.str(node).strip();
    }

    private static List<String> truthyStrings(YamlNode node) {
        if (!(node instanceof YamlSequence seq)) {
            return List.of();
        }
        return items(seq).stream().filter(PyValue::truthy).map(PyValue::str).toList();
    }

    private static List<YamlNode> items(YamlSequence seq) {
        return seq.items().stream().map(YamlNode::deref).toList();
    }
}
