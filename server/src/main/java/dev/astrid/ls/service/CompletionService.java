package dev.astrid.ls.service;

import dev.astrid.ls.edit.Edit;
import dev.astrid.ls.edit.ManifestEdits;
import dev.astrid.ls.model.ElementKinds;
import dev.astrid.ls.model.Manifest;
import dev.astrid.ls.model.ManifestKind;
import dev.astrid.ls.model.PermissionId;
import dev.astrid.ls.model.Permissions;
import dev.astrid.ls.model.SecretSites;
import dev.astrid.ls.schema.SchemaNav;
import dev.astrid.ls.schema.SchemaStore;
import dev.astrid.ls.text.Position;
import dev.astrid.ls.text.TextDocument;
import dev.astrid.ls.workspace.PackView;
import dev.astrid.ls.yaml.YamlMapping;
import dev.astrid.ls.yaml.YamlNode;
import dev.astrid.ls.yaml.YamlScalar;
import dev.astrid.ls.yaml.YamlSequence;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Completion for manifests: the six permission ids at a permission's {@code id:}, the missing
 * keys of a permission item, a snippet for a whole new item, and schema-driven keys and enum
 * values elsewhere. Block YAML is read by indentation (see {@link LineContext}) so a half-typed
 * line or a syntax error elsewhere does not matter; flow and JSON text use the tree.
 */
public final class CompletionService {
    public enum Kind { VALUE, PROPERTY, SNIPPET }

    /**
     * One proposal. {@code insertText} replaces {@code [replaceStart, replaceEnd)}; when
     * {@code snippet} it uses LSP snippet syntax and carries its own indentation.
     */
    public record Item(String label, Kind kind, String detail, String documentation, String insertText,
                       boolean snippet, String sortText, int replaceStart, int replaceEnd, String filterText,
                       List<Edit> extraEdits) {
        public Item(String label, Kind kind, String detail, String documentation, String insertText, boolean snippet,
                    String sortText, int replaceStart, int replaceEnd) {
            this(label, kind, detail, documentation, insertText, snippet, sortText, replaceStart, replaceEnd, null,
                    List.of());
        }
    }

    private static final Pattern VALUE =
            Pattern.compile("^\\s*(?:-\\s+)*([^\\s:#'\"][^:#]*?|\"[^\"]*\"|'[^']*'):(\\s*)(\\S*)$");
    private static final Pattern KEY = Pattern.compile("^\\s*(?:-\\s*)*([A-Za-z0-9_]*)$");

    private final SchemaNav nav = new SchemaNav(SchemaStore.INSTANCE);

    public List<Item> complete(Manifest m, PackView pack, int offset) {
        TextDocument doc = m.document();
        if (doc.text().stripLeading().startsWith("{")) {
            return json(m, offset); // JSON text, read from its characters: it rarely parses while typed
        }
        YamlNode node = m.yaml().nodeAt(offset);
        if (node instanceof YamlSequence seq && seq.isFlow() && pack != null) {
            List<Object> path = new ArrayList<>(HoverService.normalize(seq.path()));
            path.add(0);
            return names(m, pack, path, seq, offset, offset); // an empty slot of a flow list
        }
        if (node != null && inFlow(node)) {
            if (pack != null && node instanceof YamlScalar s && s.parent() instanceof YamlSequence seq) {
                List<Item> names = names(m, pack, HoverService.normalize(s.path()), seq, start(s), end(s));
                if (!names.isEmpty()) {
                    return names;
                }
            }
            return flowValue(m, node, offset);
        }
        Position pos = doc.positionAt(offset);
        LineContext lc = LineContext.at(doc, pos.line(), pos.character());
        int wordEnd = wordEnd(doc.text(), offset);

        Matcher value = VALUE.matcher(lc.before);
        if (value.matches()) {
            String key = unquote(value.group(1).trim());
            List<Object> path = new ArrayList<>(schemaPath(lc.keyPath()));
            path.add(key);
            int start = offset - value.group(3).length();
            // Right after the colon (the ':' trigger), the value needs its separating space.
            String space = value.group(2).isEmpty() ? " " : "";
            if (m.kind() == ManifestKind.PACK && isPermissionItem(lc.keyPath()) && key.equals("id")) {
                return permissionIds(m, start, wordEnd, space);
            }
            if (m.kind() == ManifestKind.ELEMENT && pack != null && path.equals(List.of("kind"))) {
                List<String> kinds = List.copyOf(ElementKinds.of(pack.pack()).names());
                return kinds.stream().map(k -> new Item(k, Kind.VALUE, "element kind", null, space + k, false,
                        String.format("%03d", kinds.indexOf(k)), start, wordEnd)).toList();
            }
            return enumValues(m, path, start, wordEnd, space);
        }
        Matcher keyMatch = KEY.matcher(lc.before);
        if (!keyMatch.matches()) {
            return List.of();
        }
        int start = offset - keyMatch.group(1).length();
        if (pack != null && lc.dashLine && !lc.keyPath().isEmpty() && lc.keyPath().get(lc.keyPath().size() - 1) == null) {
            YamlNode list = m.root();
            for (String key : lc.keyPath().subList(0, lc.keyPath().size() - 1)) {
                list = key != null && list instanceof YamlMapping map ? map.get(key) : null;
            }
            List<Item> names = names(m, pack, schemaPath(lc.keyPath()), list instanceof YamlSequence seq ? seq : null,
                    start, wordEnd);
            if (!names.isEmpty()) {
                String lead = lc.before.endsWith("-") ? " " : "";
                return names.stream().map(i -> new Item(i.label(), i.kind(), i.detail(), i.documentation(),
                        lead + i.insertText(), false, i.sortText(), i.replaceStart(), i.replaceEnd())).toList();
            }
        }
        // Right after a dash (the '-' trigger), the item needs its separating space.
        String lead = lc.before.endsWith("-") ? " " : "";
        return complete(m, doc, lc, pos.line(), start, wordEnd).stream()
                .map(i -> lead.isEmpty() ? i : new Item(i.label(), i.kind(), i.detail(), i.documentation(),
                        lead + i.insertText(), i.snippet(), i.sortText(), i.replaceStart(), i.replaceEnd()))
                .toList();
    }

    /** Completion at a key position. */
    private List<Item> complete(Manifest m, TextDocument doc, LineContext lc, int line, int start, int wordEnd) {
        List<String> keyPath = lc.keyPath();
        if (m.kind() == ManifestKind.PACK && keyPath.equals(List.of("permissions"))) {
            return List.of(newPermissionItem(lc, start, wordEnd, false));
        }
        if (m.kind() == ManifestKind.PACK && isPermissionItem(keyPath)) {
            LineContext.Segment item = lc.ancestors.get(lc.ancestors.size() - 1);
            Set<String> present = siblingKeys(doc, line, item.column() + 2, item.line());
            List<Item> items = new ArrayList<>();
            int keyColumn = item.column() + 2;
            for (String field : Permissions.FIELDS) {
                if (!present.contains(field)) {
                    items.add(permissionField(field, keyColumn, start, wordEnd));
                }
            }
            if (present.isEmpty() && lc.dashLine && lc.dashColumn == item.column()) {
                items.add(newPermissionItem(lc, start, wordEnd, true));
            }
            return items;
        }
        return schemaKeys(m, doc, lc, line, start, wordEnd);
    }

    private List<Item> permissionIds(Manifest m, int start, int end, String prefix) {
        Set<String> declared = Permissions.ids(m);
        List<Item> items = new ArrayList<>();
        for (PermissionId p : PermissionId.values()) {
            boolean taken = declared.contains(p.id());
            items.add(new Item(p.id(), Kind.VALUE, taken ? "already declared" : "the pack " + p.meaning(),
                    Explain.permissionId(p), prefix + p.id(), false,
                    (taken ? "1" : "0") + p.ordinal(), start, end));
        }
        return items;
    }

    private static Item permissionField(String field, int keyColumn, int start, int end) {
        String indent = " ".repeat(keyColumn);
        String choices = String.join(",", PermissionId.ids());
        return switch (field) {
            case "id" -> new Item("id", Kind.PROPERTY, "required: which permission", Explain.ID,
                    "id: ${1|" + choices + "|}", true, "0", start, end);
            case "reason" -> new Item("reason", Kind.PROPERTY, "required: why the pack needs it", Explain.REASON,
                    "reason: ${1:What the pack does with it, and why}", true, "1", start, end);
            case "access" -> new Item("access", Kind.PROPERTY, "optional: what kind of access", Explain.ACCESS,
                    "access: ${1:read}", true, "2", start, end);
            default -> new Item("services", Kind.PROPERTY, "optional: hosts or services involved", Explain.SERVICES,
                    "services:\n" + indent + "  - ${1:api.example.com}", true, "3", start, end);
        };
    }

    /** A whole new permission item; {@code afterDash} when the user already typed its dash. */
    private static Item newPermissionItem(LineContext lc, int start, int end, boolean afterDash) {
        int dashColumn = afterDash ? lc.dashColumn : lc.contentColumn;
        String keyIndent = " ".repeat(dashColumn + 2);
        String body = "id: ${1|" + String.join(",", PermissionId.ids()) + "|}\n" + keyIndent
                + "reason: ${2:What the pack does with it, and why}";
        return new Item("new permission", Kind.SNIPPET, "- id: … reason: …",
                "A new permission item: pick the id, then say why the pack needs it.\n\n" + Explain.DISCLOSURE_ONLY,
                afterDash ? body : "- " + body, true, "9", start, end);
    }

    private static boolean isPermissionItem(List<String> keyPath) {
        return keyPath.size() == 2 && "permissions".equals(keyPath.get(0)) && keyPath.get(1) == null;
    }

    private List<Item> enumValues(Manifest m, List<Object> path, int start, int end, String prefix) {
        String file = HoverService.schemaFileForHover(m);
        if (file == null) {
            return List.of();
        }
        List<Item> items = new ArrayList<>();
        List<String> values = nav.enumValues(nav.at(file, path));
        for (int i = 0; i < values.size(); i++) {
            if (!values.get(i).isEmpty()) {
                items.add(new Item(values.get(i), Kind.VALUE, null, null, prefix + values.get(i), false,
                        String.format("%03d", i), start, end));
            }
        }
        return items;
    }

    private List<Item> schemaKeys(Manifest m, TextDocument doc, LineContext lc, int line, int start, int end) {
        String file = HoverService.schemaFileForHover(m);
        if (file == null) {
            return List.of();
        }
        int keyColumn = lc.contentColumn;
        LineContext.Segment parent = lc.ancestors.isEmpty() ? null : lc.ancestors.get(lc.ancestors.size() - 1);
        Set<String> present = siblingKeys(doc, line, keyColumn, parent == null ? -1 : parent.line());
        List<SchemaNav.Located> schemas = nav.at(file, schemaPath(lc.keyPath()));
        Set<String> required = nav.required(schemas);
        List<Item> items = new ArrayList<>();
        for (Map.Entry<String, SchemaNav.Located> e : nav.properties(schemas).entrySet()) {
            String key = e.getKey();
            if (present.contains(key) || (key.equals("permissions") && m.kind() != ManifestKind.PACK)) {
                continue; // described in component schemas only so that hover can say where it belongs
            }
            String description = nav.description(List.of(e.getValue()));
            boolean isRequired = required.contains(key);
            items.add(new Item(key, Kind.PROPERTY, isRequired ? "required" : null, description, key + ": ", false,
                    (isRequired ? "0" : "1") + key, start, end));
        }
        return items;
    }

    /**
     * Keys already written at a column in the block around a line: scans up to the parent's line
     * and down to the end of the block, so half-typed lines do not hide their siblings.
     */
    static Set<String> siblingKeys(TextDocument doc, int line, int column, int parentLine) {
        Set<String> keys = new LinkedHashSet<>();
        for (int l = line - 1; l > parentLine && l >= 0; l--) {
            if (!collect(doc.lineText(l), column, keys)) {
                break;
            }
        }
        if (parentLine >= 0 && parentLine < line) {
            String p = doc.lineText(parentLine);
            int dash = LineContext.indentOf(p);
            if (dash + 2 == column && p.startsWith("- ", dash)) {
                String k = LineContext.keyAt(p, column);
                if (k != null) {
                    keys.add(k);
                }
            }
        }
        for (int l = line + 1; l < doc.lineCount(); l++) {
            if (!collect(doc.lineText(l), column, keys)) {
                break;
            }
        }
        return keys;
    }

    /** Adds a key found at the column; returns false once the line leaves the block. */
    private static boolean collect(String text, int column, Set<String> keys) {
        int indent = LineContext.indentOf(text);
        if (indent >= text.length() || text.charAt(indent) == '#') {
            return true;
        }
        if (indent < column) {
            return false;
        }
        if (indent == column) {
            String k = LineContext.keyAt(text, column);
            if (k != null) {
                keys.add(k);
            }
        }
        return true;
    }

    /**
     * The names a list of names can take: the pack's declared and mentioned secrets in
     * {@code secrets_required}, {@code env_passthrough} and {@code metadata.env}; its component ids in
     * {@code child_executors}, {@code child_orchestrators}, entrypoints and alias targets. Names the
     * list already holds are left out.
     */
    private static List<Item> names(Manifest m, PackView pack, List<Object> path, YamlSequence list, int start, int end) {
        List<Object> p = path.size() > 2 && "actions".equals(path.get(0)) && m.kind() == ManifestKind.PACK
                ? path.subList(2, path.size()) : path;
        Set<String> present = new LinkedHashSet<>();
        if (list != null) {
            list.items().forEach(i -> {
                if (YamlNode.deref(i) instanceof YamlScalar s && (s.end() < start || s.start() > end)) {
                    present.add(s.value());
                }
            });
        }
        Map<String, String> candidates = new LinkedHashMap<>();
        if (p.equals(List.of("isolation", "secrets_required", 0)) || p.equals(List.of("metadata", "secrets_required", 0))
                || p.equals(List.of("metadata", "env", 0)) || p.equals(List.of("isolation", "env_passthrough", 0))) {
            for (Manifest x : pack.all()) {
                SecretSites.declarations(x).forEach(d -> candidates.putIfAbsent(d.name(), "declared at " + d.site()));
            }
            SecretSites.mentions(pack.pack()).forEach(n -> candidates.putIfAbsent(n.name(), "named in a permission reason"));
        } else if (p.equals(List.of("child_executors", 0)) || p.equals(List.of("child_orchestrators", 0))
                || p.equals(List.of("agent", "normal_entrypoints", 0)) || p.equals(List.of("agent", "entrypoints", 0))
                || p.equals(List.of("aliases", 0, "canonical_id"))) {
            ManifestKind only = "child_executors".equals(p.get(0)) ? ManifestKind.EXECUTOR
                    : "child_orchestrators".equals(p.get(0)) ? ManifestKind.ORCHESTRATOR : null;
            for (Manifest x : pack.components()) {
                if (x.kind() != ManifestKind.ELEMENT && (only == null || x.kind() == only)
                        && x.get("id") instanceof YamlScalar id && !id.isBlank()) {
                    candidates.putIfAbsent(id.value(), x.kind().baseName());
                }
            }
            if (only != ManifestKind.ORCHESTRATOR && pack.id() != null
                    && pack.pack().get("actions") instanceof YamlMapping actions) {
                actions.entries().forEach(a -> candidates.putIfAbsent(pack.id() + "." + a.keyText(), "action"));
            }
        }
        List<Item> out = new ArrayList<>();
        candidates.forEach((name, detail) -> {
            if (!present.contains(name)) {
                out.add(new Item(name, Kind.VALUE, detail, null, ManifestEdits.scalar(m, name), false,
                        String.format("%04d", out.size()), start, end));
            }
        });
        return out;
    }

    private static int start(YamlScalar s) {
        boolean quoted = s.style() == YamlScalar.Style.DOUBLE_QUOTED || s.style() == YamlScalar.Style.SINGLE_QUOTED;
        return quoted ? s.start() + 1 : s.start();
    }

    private static int end(YamlScalar s) {
        boolean quoted = s.style() == YamlScalar.Style.DOUBLE_QUOTED || s.style() == YamlScalar.Style.SINGLE_QUOTED;
        return quoted ? Math.max(s.start() + 1, s.end() - 1) : s.end();
    }

    /** Completion inside flow collections and JSON text: values only, from the tree. */
    private List<Item> flowValue(Manifest m, YamlNode node, int offset) {
        if (!(node instanceof YamlScalar s) || HoverService.isKey(s)) {
            return List.of();
        }
        int start = start(s);
        int end = end(s);
        List<Object> path = s.path();
        if (m.kind() == ManifestKind.PACK && path.size() == 3 && "permissions".equals(path.get(0))
                && "id".equals(path.get(2))) {
            return permissionIds(m, start, end, "");
        }
        return enumValues(m, HoverService.normalize(path), start, end, "");
    }

    /** Completion in JSON text: keys as {@code "key": value} with the commas JSON needs, values as JSON strings. */
    private List<Item> json(Manifest m, int offset) {
        String text = m.document().text();
        JsonContext ctx = JsonContext.at(text, offset);
        List<Object> path = ctx.path;
        boolean permissionItem = m.kind() == ManifestKind.PACK && path.size() == 2 && "permissions".equals(path.get(0));
        if (ctx.slot == JsonContext.Slot.VALUE) {
            List<Item> values = m.kind() == ManifestKind.PACK && path.size() == 3 && "permissions".equals(path.get(0))
                    && "id".equals(path.get(2)) ? permissionIds(m, ctx.replaceStart, ctx.replaceEnd, "")
                    : enumValues(m, path, ctx.replaceStart, ctx.replaceEnd, "");
            return values.stream().map(i -> new Item(i.label(), i.kind(), i.detail(), i.documentation(),
                    ManifestEdits.quoted(i.label()), false, i.sortText(), i.replaceStart(), i.replaceEnd(),
                    "\"" + i.label(), List.of())).toList();
        }
        if (ctx.slot != JsonContext.Slot.KEY) {
            return List.of();
        }
        List<Edit> comma = ctx.missingCommaAt < 0 ? List.of()
                : List.of(new Edit(m.document().uri(), ctx.missingCommaAt, ctx.missingCommaAt, ","));
        String after = ctx.entryFollows ? ", " : "";
        List<Item> out = new ArrayList<>();
        if (permissionItem) {
            for (String field : Permissions.FIELDS) {
                if (!ctx.siblings.contains(field)) {
                    String value = switch (field) {
                        case "id" -> "\"${1|" + String.join(",", PermissionId.ids()) + "|}\"";
                        case "services" -> "[\"${1:api.example.com}\"]";
                        default -> "\"$1\"";
                    };
                    out.add(jsonKey(field, Explain.permissionField(field), value, after, ctx, comma,
                            Permissions.FIELDS.indexOf(field)));
                }
            }
            return out;
        }
        String file = HoverService.schemaFileForHover(m);
        if (file == null) {
            return out;
        }
        List<SchemaNav.Located> schemas = nav.at(file, path);
        Set<String> required = nav.required(schemas);
        int order = 0;
        for (Map.Entry<String, SchemaNav.Located> e : nav.properties(schemas).entrySet()) {
            String key = e.getKey();
            if (ctx.siblings.contains(key) || (key.equals("permissions") && m.kind() != ManifestKind.PACK)) {
                continue;
            }
            List<Object> keyPath = new ArrayList<>(path);
            keyPath.add(key);
            out.add(jsonKey(key, nav.description(List.of(e.getValue())), jsonValue(nav.type(nav.at(file, keyPath))), after,
                    ctx, comma, (required.contains(key) ? 0 : 1000) + order++));
        }
        return out;
    }

    private static Item jsonKey(String key, String doc, String value, String after, JsonContext ctx, List<Edit> comma,
                                int order) {
        return new Item(key, Kind.PROPERTY, null, doc, "\"" + key + "\": " + value + after, true,
                String.format("%04d", order), ctx.replaceStart, ctx.replaceEnd, "\"" + key, comma);
    }

    /** A value placeholder of the key's type: a string, a list, an object, or just the cursor. */
    private static String jsonValue(String type) {
        return switch (type) {
            case "string" -> "\"$1\"";
            case "array" -> "[$1]";
            case "object" -> "{$1}";
            default -> "$1";
        };
    }

    private static boolean inFlow(YamlNode node) {
        for (YamlNode p = node.parent(); p != null; p = p.parent()) {
            if ((p instanceof YamlMapping map && map.isFlow()) || (p instanceof YamlSequence seq && seq.isFlow())) {
                return true;
            }
        }
        return false;
    }

    private static List<Object> schemaPath(List<String> keyPath) {
        return keyPath.stream().map(k -> k == null ? (Object) 0 : k).toList();
    }

    private static String unquote(String key) {
        return (key.startsWith("\"") || key.startsWith("'")) && key.length() >= 2
                ? key.substring(1, key.length() - 1) : key;
    }

    private static int wordEnd(String text, int offset) {
        int end = offset;
        while (end < text.length() && !Character.isWhitespace(text.charAt(end)) && text.charAt(end) != '#') {
            end++;
        }
        return end;
    }
}
