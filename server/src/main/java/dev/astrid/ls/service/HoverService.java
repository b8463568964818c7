package dev.astrid.ls.service;

import dev.astrid.ls.core.CancelChecker;
import dev.astrid.ls.disclosure.Evidence;
import dev.astrid.ls.disclosure.PackDisclosure;
import dev.astrid.ls.model.Manifest;
import dev.astrid.ls.model.ManifestKind;
import dev.astrid.ls.model.PermissionId;
import dev.astrid.ls.model.Permissions;
import dev.astrid.ls.model.SecretSites;
import dev.astrid.ls.model.TrustBlock;
import dev.astrid.ls.schema.SchemaNav;
import dev.astrid.ls.schema.SchemaStore;
import dev.astrid.ls.update.UpdateDiff;
import dev.astrid.ls.update.UpdatePreview;
import dev.astrid.ls.workspace.PackView;
import dev.astrid.ls.workspace.Workspace;
import dev.astrid.ls.yaml.YamlMapping;
import dev.astrid.ls.yaml.YamlNode;
import dev.astrid.ls.yaml.YamlScalar;
import dev.astrid.ls.yaml.YamlSequence;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/** Markdown hovers: the Astrid meaning of permission ids and keys, else the schema's description. */
public final class HoverService {
    /** Markdown text and the span it describes. */
    public record Hover(String markdown, int start, int end) {}

    private final SchemaNav nav = new SchemaNav(SchemaStore.INSTANCE);
    /** The trust summary preview of a pack, as the language service renders it. */
    private final BiFunction<PackView, CancelChecker, String> summary;
    /** The permission and secret changes against the update base in memory, if it was read. */
    private final Function<PackView, Optional<UpdatePreview.TrustChanges>> updates;
    /** What the pack's code and manifests show it uses. */
    private final BiFunction<PackView, CancelChecker, PackDisclosure> disclosure;

    HoverService(BiFunction<PackView, CancelChecker, String> summary,
                 Function<PackView, Optional<UpdatePreview.TrustChanges>> updates,
                 BiFunction<PackView, CancelChecker, PackDisclosure> disclosure) {
        this.summary = summary;
        this.updates = updates;
        this.disclosure = disclosure;
    }

    /** Links shown per hover; the rest are counted. */
    static final int MAX_SITES = 10;

    /** The hover at an offset; {@code pack} (may be null) adds the cross-file views. */
    public Optional<Hover> hover(Manifest m, PackView pack, int offset, CancelChecker cancel) {
        YamlNode node = m.yaml().nodeAt(offset);
        if (!(node instanceof YamlScalar scalar)) {
            return Optional.empty();
        }
        if (pack != null) {
            Optional<Hover> secret = secretHover(m, pack, scalar, offset, cancel);
            if (secret.isPresent()) {
                return secret;
            }
        }
        boolean isKey = isKey(scalar);
        List<Object> path = scalar.path();
        String text = isKey ? keyHover(m, scalar.value(), path) : valueHover(m, scalar, path);
        PermissionId id = !isKey && m.kind() == ManifestKind.PACK && isPermissionItemKey(path) && "id".equals(path.get(2))
                ? PermissionId.of(scalar.value()).orElse(null) : null;
        if (id != null && pack != null && pack.pack().document().uri().equals(m.document().uri())) {
            text += "\n\n---\n\n" + uses(id, pack, cancel);
        }
        if (text != null && pack != null && m.kind() == ManifestKind.PACK && path.size() == 1
                && (path.get(0).equals("id") || (isKey && path.get(0).equals("permissions")))) {
            text += "\n\n---\n\n**Trust summary preview** (what `astrid packs install` would show now):\n\n"
                    + Markdown.block(summary.apply(pack, cancel), "text");
        }
        if (pack != null && m.kind() == ManifestKind.PACK && path.size() >= 2 && "permissions".equals(path.get(0))
                && path.get(1) instanceof Integer) {
            String change = changeOnUpdate(m, pack, (Integer) path.get(1));
            if (change != null) {
                text = text == null ? change : text + "\n\n---\n\n" + change;
            }
        }
        return Optional.ofNullable(text).map(t -> new Hover(t, scalar.start(), scalar.end()));
    }

    /** Within a permission whose reason, access or services change on update: before → after, as Astrid shows it. */
    private String changeOnUpdate(Manifest m, PackView pack, int index) {
        if (!(m.get("permissions") instanceof YamlSequence list) || index >= list.items().size()
                || !pack.pack().document().uri().equals(m.document().uri())) {
            return null;
        }
        int itemStart = YamlNode.deref(list.items().get(index)).start();
        UpdatePreview.TrustChanges changes = updates.apply(new PackView(pack.root(), m, pack.components())).orElse(null);
        if (changes == null) {
            return null;
        }
        for (UpdateDiff.Change c : changes.permissionsChanged()) {
            if (c.after().node().start() == itemStart) {
                return "**On update from " + Markdown.code(changes.ref()) + "** (" + Markdown.code(
                        changes.commit().substring(0, 8)) + "): Astrid shows this permission as changed ("
                        + String.join(", ", c.fields()) + "), and its users are asked to trust the pack again.\n\n"
                        + "- before: " + Markdown.code(c.before().label()) + "\n- after: " + Markdown.code(c.after().label());
            }
        }
        return null;
    }

    /**
     * Where the pack uses a permission, as its code and manifests show it (read, never run), each
     * site linked; or that none was found, and what keeps that from meaning much.
     */
    private String uses(PermissionId p, PackView pack, CancelChecker cancel) {
        if (p == PermissionId.PROJECT_FILES) {
            return "**In this pack:** file access is not looked for in its code: opening files is too common to tell "
                    + "the project's from any other.";
        }
        PackDisclosure d = disclosure.apply(pack, cancel);
        List<Evidence> evidence = d.evidence(p);
        StringBuilder sb = new StringBuilder();
        if (evidence.isEmpty()) {
            sb.append("**No use of `").append(p.id()).append("` found** in the pack's ").append(plural(d.filesAnalysed(),
                    "Python file")).append(" and ").append(plural(pack.all().size(), "manifest")).append('.');
        } else {
            sb.append("**Where the pack uses `").append(p.id()).append("`** (from its code and manifests, read but never "
                    + "run):\n");
            for (Evidence e : evidence.subList(0, Math.min(MAX_SITES, evidence.size()))) {
                String where = e.display().substring(0, e.display().indexOf(' '));
                sb.append("\n- ").append(Markdown.link(where, e.uri() + "#L" + e.line())).append(": ")
                        .append(Markdown.code(e.display().substring(where.length() + 1)));
                if (!e.certain()) {
                    sb.append(" (uncertain: ").append(Markdown.text(e.note())).append(')');
                }
            }
            if (evidence.size() > MAX_SITES) {
                sb.append("\n- and ").append(evidence.size() - MAX_SITES).append(" more");
            }
        }
        List<String> gaps = new ArrayList<>();
        if (!d.folderRead()) {
            gaps.add("the pack is outside the workspace folders, so only its open files were read");
        }
        if (!d.skipped().isEmpty()) {
            gaps.add(plural(d.skipped().size(), "file or folder", "files or folders") + " could not be analysed");
        }
        if (!d.filesWithSyntaxErrors().isEmpty()) {
            gaps.add(plural(d.filesWithSyntaxErrors().size(), "file is", "files are") + " not valid Python");
        }
        if (!d.otherCode().isEmpty()) {
            gaps.add(plural(d.otherCode().size(), "file is", "files are") + " in another language");
        }
        if (d.dynamicCodeSeen()) {
            PackDisclosure.DynamicCode first = d.dynamicCode().get(0);
            gaps.add("code is loaded by a name known only at run time (" + Markdown.code(first.display()) + ")");
        }
        if (!gaps.isEmpty()) {
            sb.append("\n\nIt cannot see everything: ").append(String.join("; ", gaps)).append('.');
        }
        return sb.append(evidence.isEmpty() ? " A static check can find a use, never prove there is none." : "").toString();
    }

    private static String plural(int n, String word) {
        return plural(n, word, word + "s");
    }

    private static String plural(int n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }

    /** On a secret's name, wherever it is declared or mentioned: every place in the pack that names it, code too. */
    private Optional<Hover> secretHover(Manifest m, PackView pack, YamlScalar scalar, int offset, CancelChecker cancel) {
        String name = null;
        int start = scalar.start();
        int end = scalar.end();
        for (SecretSites.Declaration d : SecretSites.declarations(m)) {
            if (d.node() == scalar) {
                name = d.name();
            }
        }
        if (name == null && m.kind() == ManifestKind.PACK) {
            for (SecretSites.Mention mention : SecretSites.mentions(m)) {
                if (mention.reason() == scalar && mention.start() <= offset && offset <= mention.end()) {
                    name = mention.name();
                    start = mention.start();
                    end = mention.end();
                }
            }
        }
        if (name == null) {
            return Optional.empty();
        }
        StringBuilder sb = new StringBuilder("**").append(Markdown.code(name)).append("**: an environment variable the pack reads.")
                .append(" Where the pack names it:\n\n");
        for (Manifest x : pack.all()) {
            for (SecretSites.Declaration d : SecretSites.declarations(x)) {
                if (d.name().equals(name)) {
                    sb.append("- ").append(place(pack, x, d.node().start())).append(": ").append(Markdown.code(d.site()))
                            .append(d.secret() ? "" : " (pass-through, not secret)").append('\n');
                }
            }
            if (x.kind() == ManifestKind.PACK) {
                for (SecretSites.Mention mention : SecretSites.mentions(x)) {
                    if (mention.name().equals(name)) {
                        sb.append("- ").append(place(pack, x, mention.start())).append(": mentioned in a permission reason\n");
                    }
                }
            }
        }
        List<Evidence> reads = disclosure.apply(pack, cancel).variables().getOrDefault(name, List.of());
        for (Evidence e : reads.subList(0, Math.min(MAX_SITES, reads.size()))) {
            String where = e.display().substring(0, e.display().indexOf(' '));
            sb.append("- ").append(Markdown.link(where, e.uri() + "#L" + e.line())).append(": read in code, ")
                    .append(Markdown.code(e.display().substring(where.length() + 1))).append('\n');
        }
        if (reads.size() > MAX_SITES) {
            sb.append("- and ").append(reads.size() - MAX_SITES).append(" more reads in code\n");
        }
        boolean environment = Permissions.declares(pack.pack(), "environment");
        sb.append('\n').append(environment ? "The pack declares the `environment` permission."
                : "The pack does **not** declare the `environment` permission.").append("\n\n").append(Explain.SECRETS);
        return Optional.of(new Hover(sb.toString(), start, end));
    }

    private static String place(PackView pack, Manifest m, int offset) {
        Path file = Workspace.path(m.document().uri());
        String shown = file != null && file.startsWith(pack.root()) ? pack.root().relativize(file).toString()
                : m.document().uri();
        int line = m.document().positionAt(offset).line() + 1;
        return Markdown.link(shown + ":" + line, m.document().uri() + "#L" + line);
    }

    static boolean isKey(YamlNode node) {
        if (node.parent() instanceof YamlMapping map) {
            for (YamlMapping.Entry e : map.entries()) {
                if (e.key() == node) {
                    return true;
                }
            }
        }
        return false;
    }

    private String keyHover(Manifest m, String key, List<Object> path) {
        boolean pack = m.kind() == ManifestKind.PACK;
        if (path.size() == 1) {
            if (key.equals("permissions")) {
                return pack ? Explain.PERMISSIONS_KEY + "\n\n" + Explain.link() : Explain.COMPONENT_PERMISSIONS;
            }
            if (TrustBlock.KEYS.contains(key)) {
                return Explain.TRUST_BLOCK;
            }
        }
        if ((key.equals("secrets") && path.size() == 1)
                || (key.equals("secrets_required") && path.equals(List.of("isolation", "secrets_required")))) {
            return Explain.SECRETS + "\n\n" + Explain.link();
        }
        if (pack && isPermissionItemKey(path)) {
            String field = Explain.permissionField(key);
            return (field != null ? field : "**" + Markdown.code(key) + "** is not a permission field: an item takes "
                    + "only `id`, `reason`, `access` and `services`.") + "\n\n" + Explain.link();
        }
        return schemaHover(m, key, path, null);
    }

    private String valueHover(Manifest m, YamlScalar value, List<Object> path) {
        if (m.kind() == ManifestKind.PACK && isPermissionItemKey(path) && "id".equals(path.get(2))) {
            return PermissionId.of(value.value()).map(Explain::permissionId)
                    .orElseGet(() -> Explain.unknownPermissionId(value.value()));
        }
        if (path.isEmpty()) {
            return null;
        }
        Object last = path.get(path.size() - 1);
        return schemaHover(m, last instanceof String s ? s : null, path, value.value());
    }

    /** permissions[i].&lt;key&gt; */
    private static boolean isPermissionItemKey(List<Object> path) {
        return path.size() == 3 && "permissions".equals(path.get(0)) && path.get(1) instanceof Integer;
    }

    private String schemaHover(Manifest m, String key, List<Object> path, String enumValue) {
        String file = schemaFileForHover(m);
        if (file == null) {
            return null;
        }
        List<SchemaNav.Located> schemas = nav.at(file, normalize(path));
        String description = nav.description(schemas);
        if (description == null) {
            return null;
        }
        StringBuilder sb = new StringBuilder();
        if (key != null) {
            sb.append("**").append(Markdown.text(key)).append("**: ");
        }
        sb.append(description);
        if (enumValue != null) {
            sb.append(enumValues(schemas, enumValue));
        }
        return sb.toString();
    }

    /** Every allowed value with what it means, the one written here first and marked. */
    private static String enumValues(List<SchemaNav.Located> schemas, String value) {
        for (SchemaNav.Located l : schemas) {
            JsonNode values = l.node().get("enum");
            JsonNode descriptions = l.node().get("enumDescriptions");
            if (values == null || descriptions == null) {
                continue;
            }
            List<String> list = new ArrayList<>();
            values.values().forEach(v -> list.add(v.asString()));
            StringBuilder sb = new StringBuilder("\n\n");
            int here = list.indexOf(value);
            if (here >= 0 && here < descriptions.size()) {
                sb.append(Markdown.code(value)).append(" (this value): ").append(descriptions.get(here).asString())
                        .append("\n\nThe other values:\n");
            } else {
                sb.append(Markdown.code(value)).append(" is not one of the values:\n");
            }
            for (int i = 0; i < list.size() && i < descriptions.size(); i++) {
                if (i != here && !list.get(i).isEmpty()) {
                    sb.append("\n- ").append(Markdown.code(list.get(i))).append(": ").append(descriptions.get(i).asString());
                }
            }
            return sb.toString();
        }
        return "";
    }

    /** Sequence indexes become 0: every item shares the item schema. */
    static List<Object> normalize(List<Object> path) {
        return path.stream().map(p -> p instanceof Integer ? (Object) 0 : p).toList();
    }

    /** Hover and completion fall back to the v1 grammar for a pack without schema_version. */
    static String schemaFileForHover(Manifest m) {
        Optional<String> file = SchemaStore.schemaFileFor(m);
        if (file.isPresent() || m.kind() != ManifestKind.PACK) {
            return file.orElse(null);
        }
        // no version, or text being typed that does not read as one: the version as written, else v1
        Matcher written = WRITTEN_VERSION.matcher(m.document().text());
        String version = written.find() ? written.group(1) : m.get("schema_version") == null ? "1" : null;
        return version != null && SchemaStore.class.getResource("/schemas/pack.v" + version + ".schema.json") != null
                ? "pack.v" + version + ".schema.json" : null;
    }

    private static final Pattern WRITTEN_VERSION = Pattern.compile("(?<![A-Za-z0-9_])\"?schema_version\"?\\s*:\\s*([0-9]+)\\b");
}
