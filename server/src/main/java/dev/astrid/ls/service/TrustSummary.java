package dev.astrid.ls.service;

import dev.astrid.ls.disclosure.Declarations;
import dev.astrid.ls.disclosure.Evidence;
import dev.astrid.ls.disclosure.PackDisclosure;
import dev.astrid.ls.model.Manifest;
import dev.astrid.ls.model.SecretSites;
import dev.astrid.ls.model.Strings;
import dev.astrid.ls.model.TrustBlock;
import dev.astrid.ls.update.TrustFacts;
import dev.astrid.ls.update.UpdatePreview;
import dev.astrid.ls.workspace.PackView;
import dev.astrid.ls.yaml.YamlMapping;
import dev.astrid.ls.yaml.YamlNode;
import dev.astrid.ls.yaml.YamlScalar;
import dev.astrid.ls.yaml.YamlSequence;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A preview of the trust summary {@code astrid packs install} shows, computed from the manifests
 * as they are (unsaved text included), in the order and shape Astrid prints it.
 */
public final class TrustSummary {
    private TrustSummary() {}

    /** An error Astrid would reject the pack for, where it is (relative to the pack). */
    public record Rejection(String file, int line, int column, String code, String message) {
        String shown() {
            return file + ":" + line + ":" + column + ": " + code + ": " + message;
        }
    }

    /**
     * The summary; when Astrid would refuse the pack, a list of why comes first, so that nobody
     * approves a pack from a summary it will never show. {@code seen} (may be null) adds, after the
     * permissions, what the pack's code and components show it uses without declaring it: not part
     * of Astrid's summary, and said so. {@code onUpdate} (may be null) adds, last, what its users
     * will see change on update.
     */
    public static String render(PackView pack, List<Rejection> rejections, PackDisclosure seen, UpdatePreview onUpdate) {
        Manifest m = pack.pack();
        List<String> lines = new ArrayList<>();
        if (!rejections.isEmpty()) {
            lines.add("✖ " + rejectionHeadline(rejections));
            rejections.forEach(r -> lines.add("    " + r.shown()));
            lines.add("  (The summary below is what Astrid would show once they are fixed.)");
            lines.add("");
        }
        lines.add("━━━ Trust Summary ━━━");
        field(lines, "Pack ID", orElse(text(m.get("id")), "?"));
        field(lines, "Name", orElse(text(m.get("name")), ""));
        field(lines, "Version", orElse(text(m.get("version")), ""));
        field(lines, "Schema", orElse(text(m.get("schema_version")), "?"));
        field(lines, "Source", pack.root().toString());
        field(lines, "Components", components(pack));
        List<String> entrypoints = strings(path(m, "agent", "normal_entrypoints"));
        if (entrypoints.isEmpty()) {
            entrypoints = strings(path(m, "agent", "entrypoints"));
        }
        if (!entrypoints.isEmpty()) {
            field(lines, "Entrypoints", String.join(", ", entrypoints));
        }
        List<String> secrets = secretLabels(pack);
        if (!secrets.isEmpty()) {
            field(lines, "Secrets", String.join(", ", secrets));
        }
        List<String> deps = dependencies(m);
        if (!deps.isEmpty()) {
            field(lines, "Dependencies", String.join(", ", deps));
        }
        List<String> docs = docs(m);
        if (!docs.isEmpty()) {
            field(lines, "Docs", String.join(", ", docs));
        }
        lines.add("  Permissions:");
        List<String> perms = permissionLines(m);
        lines.addAll(perms.isEmpty() ? List.of("    - none declared") : perms);
        List<String> undeclared = seen == null ? List.of() : undeclared(pack, seen);
        if (!undeclared.isEmpty()) {
            lines.add("  Seen in code but not declared (astrid-pack-ls; Astrid does not show this):");
            lines.addAll(undeclared);
        }
        lines.add("  Trust (v1):");
        TrustBlock.LINES.forEach(l -> lines.add("    - " + l));
        lines.add("  Disclosure:");
        lines.add("    - Astrid v1 does not sandbox installed packs.");
        lines.add("    - Permission declarations are disclosure-only and not enforced.");
        lines.add("    - Installed pack code runs with your user's process permissions.");
        List<String> warnings = warnings(m);
        if (!warnings.isEmpty()) {
            lines.add("  ⚠ Warnings:");
            warnings.forEach(w -> lines.add("    • " + w));
        }
        if (onUpdate != null) {
            lines.add("  On update:");
            onUpdate.text().lines().forEach(l -> lines.add("    " + l));
        }
        // every value is the manifest's: no control character may move the cursor or forge a line
        return lines.stream().map(Strings::printable).collect(Collectors.joining("\n")) + "\n";
    }

    /** One line per undeclared permission, with its first evidence, then the variables read and declared nowhere. */
    private static List<String> undeclared(PackView pack, PackDisclosure seen) {
        Declarations declared = Declarations.of(pack);
        List<String> out = new ArrayList<>();
        seen.undeclared(declared).forEach((p, evidence) -> {
            Evidence first = evidence.get(0);
            int more = evidence.size() - 1;
            out.add("    - " + p.id() + (first.certain() ? ": " : " (possibly): ") + first.display()
                    + (first.certain() ? "" : " (" + first.note() + ")") + (more > 0 ? " and " + more + " more" : ""));
        });
        Set<String> variables = seen.undeclaredVariables(declared).keySet();
        if (!variables.isEmpty()) {
            out.add("    - variables read, declared nowhere: " + String.join(", ", variables));
        }
        return out;
    }

    static String rejectionHeadline(List<Rejection> rejections) {
        return "Astrid would reject this pack: " + plural(rejections.size(), "error");
    }

    /** One line for a code lens: "Trust summary: 3 permissions, 2 secrets, 4 components". */
    public static String headline(PackView pack, List<Rejection> rejections) {
        if (!rejections.isEmpty()) {
            return "✖ " + rejectionHeadline(rejections) + " (open the trust summary to see them)";
        }
        int perms = permissionLines(pack.pack()).size();
        long secrets = pack.all().stream().flatMap(x -> SecretSites.declarations(x).stream())
                .filter(SecretSites.Declaration::secret).map(SecretSites.Declaration::name).distinct().count();
        long components = componentCounts(pack).values().stream().mapToInt(Integer::intValue).sum();
        return "Trust summary: " + plural(perms, "permission") + ", " + plural(secrets, "secret") + ", "
                + plural(components, "component") + " · no sandbox, disclosure only";
    }

    private static String plural(long n, String word) {
        return n + " " + word + (n == 1 ? "" : "s");
    }

    private static void field(List<String> lines, String label, String value) {
        lines.add(String.format("  %-15s%s", label + ":", value));
    }

    /** Counted exactly as Astrid counts them: {@link TrustFacts#components}, from the pack's folders. */
    private static Map<String, Integer> componentCounts(PackView pack) {
        return TrustFacts.components(pack.pack(), TrustFacts.Flavor.of(pack.pack()), TrustFacts.onDisk(pack.root()));
    }

    private static String components(PackView pack) {
        List<String> parts = new ArrayList<>();
        componentCounts(pack).forEach((k, v) -> {
            if (v > 0) {
                parts.add(v + " " + k);
            }
        });
        return parts.isEmpty() ? "(none)" : String.join(", ", parts);
    }

    static List<String> permissionLines(Manifest m) {
        List<String> out = new ArrayList<>();
        if (!(m.get("permissions") instanceof YamlSequence list)) {
            return out;
        }
        for (YamlNode item : list.items()) {
            if (!(item instanceof YamlMapping p)) {
                continue;
            }
            List<String> details = new ArrayList<>();
            String reason = text(p.get("reason"));
            if (reason != null && !reason.isBlank()) {
                details.add(reason.strip());
            }
            String access = text(p.get("access"));
            if (access != null && !access.isBlank()) {
                details.add("access=" + access.strip());
            }
            List<String> services = strings(p.get("services"));
            if (!services.isEmpty()) {
                details.add("services=" + String.join(", ", services));
            }
            String id = orElse(text(p.get("id")), "?");
            out.add("    - " + id + (details.isEmpty() ? "" : ": " + String.join("; ", details)));
        }
        return out;
    }

    private static List<String> secretLabels(PackView pack) {
        Map<String, String> labels = new LinkedHashMap<>();
        if (pack.pack().get("secrets") instanceof YamlSequence list) {
            for (YamlNode item : list.items()) {
                String name = item instanceof YamlMapping s ? text(s.get("name")) : null;
                if (name != null && !name.isBlank()) {
                    YamlMapping s = (YamlMapping) item;
                    String label = name.strip();
                    if (YamlScalar.isTrue(s.get("required"))) {
                        label += " (required)";
                    }
                    String description = text(s.get("description"));
                    if (description != null && !description.isBlank()) {
                        label += ": " + description.strip();
                    }
                    labels.put(name.strip(), label);
                }
            }
        }
        for (Manifest x : pack.all()) {
            for (SecretSites.Declaration d : SecretSites.declarations(x)) {
                if (d.secret()) {
                    labels.putIfAbsent(d.name(), d.name());
                }
            }
        }
        return new ArrayList<>(labels.values());
    }

    private static List<String> dependencies(Manifest m) {
        List<String> out = new ArrayList<>();
        if (m.get("dependencies") instanceof YamlMapping deps) {
            for (YamlMapping.Entry e : deps.entries()) {
                for (String dep : strings(e.value())) {
                    out.add(e.keyText() + ":" + dep);
                }
            }
        }
        return out;
    }

    private static List<String> docs(Manifest m) {
        List<String> out = new ArrayList<>();
        if (m.get("docs") instanceof YamlMapping docs) {
            for (String key : List.of("readme", "agents", "stage")) {
                String v = text(docs.get(key));
                if (v != null && !v.isBlank()) {
                    out.add(key + "=" + v);
                }
            }
        }
        if (m.get("documentation") instanceof YamlMapping doc) {
            String kind = text(doc.get("kind"));
            String where = text(doc.get("path"));
            if (kind != null) {
                out.add(kind + (where != null ? "=" + where : ""));
            }
        }
        return out;
    }

    /** The warnings Astrid itself adds to the summary. */
    private static List<String> warnings(Manifest m) {
        List<String> out = new ArrayList<>();
        if (m.get("secrets") instanceof YamlSequence list) {
            for (int i = 0; i < list.items().size(); i++) {
                if (!(list.items().get(i) instanceof YamlMapping s)) {
                    out.add("secrets[" + i + "]: not a mapping, skipping");
                    continue;
                }
                String name = text(s.get("name"));
                if (name == null || name.isBlank()) {
                    out.add("secrets[" + i + "]: empty or missing secret name");
                    continue;
                }
                boolean required = YamlScalar.isTrue(s.get("required"));
                String description = text(s.get("description"));
                if (!required && (description == null || description.isBlank())) {
                    out.add("secret '" + name.strip() + "': optional secret has no description");
                }
            }
        }
        if (m.get("dependencies") instanceof YamlMapping deps) {
            for (YamlMapping.Entry e : deps.entries()) {
                if (e.value() instanceof YamlSequence seq) {
                    for (int i = 0; i < seq.items().size(); i++) {
                        String dep = text(seq.items().get(i));
                        if (dep == null || dep.isBlank()) {
                            out.add("dependencies." + e.keyText() + "[" + i + "]: empty entry");
                        }
                    }
                }
            }
        }
        return out;
    }

    private static YamlNode path(Manifest m, String... keys) {
        YamlNode node = m.root();
        for (String k : keys) {
            node = node instanceof YamlMapping map ? map.get(k) : null;
        }
        return node;
    }

    private static String text(YamlNode node) {
        return node instanceof YamlScalar s && !s.isNull() ? s.value() : null;
    }

    private static String orElse(String value, String fallback) {
        return value == null ? fallback : value;
    }

    private static List<String> strings(YamlNode node) {
        List<String> out = new ArrayList<>();
        if (node instanceof YamlSequence seq) {
            for (YamlNode item : seq.items()) {
                String t = text(item);
                if (t != null && !t.isBlank()) {
                    out.add(t.strip());
                }
            }
        }
        return out;
    }
}
