package dev.astrid.ls.rules;

import com.google.auto.service.AutoService;
import dev.astrid.ls.core.Code;
import dev.astrid.ls.core.Diagnostic;
import dev.astrid.ls.edit.Fix;
import dev.astrid.ls.edit.ManifestEdits;
import dev.astrid.ls.model.Manifest;
import dev.astrid.ls.model.ManifestKind;
import dev.astrid.ls.model.Strings;
import dev.astrid.ls.model.TrustBlock;
import dev.astrid.ls.schema.JsonView;
import dev.astrid.ls.schema.SchemaProblems;
import dev.astrid.ls.schema.SchemaStore;
import dev.astrid.ls.yaml.YamlAlias;
import dev.astrid.ls.yaml.YamlMapping;
import dev.astrid.ls.yaml.YamlNode;
import dev.astrid.ls.yaml.YamlScalar;
import dev.astrid.ls.yaml.YamlSequence;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;

/**
 * Structure, checked against the bundled JSON Schema for the manifest's kind and schema_version
 * through the validator library (see {@link SchemaProblems}), each problem worded on the smallest
 * range. The permission rules own {@code permissions}, so schema errors there are left to them;
 * {@link SchemaVersionRule} owns {@code schema_version} itself.
 */
@AutoService(Rule.class)
public final class SchemaRule implements Rule {
    public static final Code UNKNOWN_KEY = Code.error("schema-unknown-key");
    public static final Code MISSING_KEY = Code.error("schema-missing-key");
    public static final Code WRONG_TYPE = Code.error("schema-wrong-type");
    public static final Code INVALID_VALUE = Code.error("schema-invalid-value");
    public static final Code TOO_COMPLEX = Code.warning("schema-not-checked");

    private final SchemaStore store = SchemaStore.INSTANCE;

    @Override
    public List<Code> codes() {
        return List.of(UNKNOWN_KEY, MISSING_KEY, WRONG_TYPE, INVALID_VALUE, TOO_COMPLEX);
    }

    @Override
    public void check(RuleContext ctx) {
        Manifest m = ctx.manifest();
        YamlNode root = m.yaml().root();
        if (root == null) {
            if (m.yaml().errors().isEmpty() && m.yaml().skipped() == null) {
                ctx.report(WRONG_TYPE, 0, 0, "The " + m.kind().baseName() + " manifest is empty: it must be a mapping "
                        + "with at least schema_version, id, name and version", Map.of(), List.of());
            }
            return;
        }
        if (!(root instanceof YamlMapping)) {
            String kind = m.kind().baseName();
            ctx.report(WRONG_TYPE, RuleContext.anchor(root), (kind.matches("[aeiou].*") ? "An " : "A ") + kind
                    + " manifest must be a mapping of keys such as `id:` and `name:`, but found "
                    + PermissionShapeRule.describe(root));
            return;
        }
        String file = SchemaStore.schemaFileFor(m).orElse(null);
        if (file == null) {
            return;
        }
        JsonNode json;
        try {
            json = JsonView.of(m.yaml());
        } catch (JsonView.TooLargeException e) {
            ctx.report(TOO_COMPLEX, RuleContext.anchor(root), "Structure not checked: " + e.getMessage() + ".");
            return;
        }
        ctx.checkCanceled();
        boolean incomplete = !m.yaml().errors().isEmpty();
        Set<String> seen = new HashSet<>();
        for (SchemaProblems.Problem p : SchemaProblems.of(store, file, json)) {
            if (ownedByOtherRules(p.path(), p.keyword())) {
                continue;
            }
            if (incomplete && "required".equals(p.keyword())) {
                continue; // the tree lost lines to the syntax error; absent keys may just be unparsed
            }
            YamlNode node = find(root, p.path());
            if (node != null && seen.add(p.keyword() + p.path() + p.property())) {
                report(ctx, p, node, file);
            }
        }
    }

    /**
     * The permission rules own {@code permissions} (mirroring Astrid's messages) and the secrets
     * rule owns secret names; the schema describes both but leaves the errors to them.
     */
    private static boolean ownedByOtherRules(List<Object> path, String keyword) {
        if (!path.isEmpty() && "permissions".equals(path.get(0))) {
            return true;
        }
        return path.size() == 3 && "secrets".equals(path.get(0)) && "name".equals(path.get(2))
                && "pattern".equals(keyword);
    }

    private void report(RuleContext ctx, SchemaProblems.Problem p, YamlNode node, String file) {
        List<Object> path = p.path();
        String where = path.isEmpty() ? "the " + ctx.manifest().kind().baseName() + " manifest" : "`" + dotted(path) + "`";
        JsonNode schema = p.schema();
        JsonNode parent = p.holder();
        switch (p.keyword()) {
            case "additionalProperties", "unevaluatedProperties" -> {
                String key = p.property();
                YamlNode keyNode = keyNode(node, key);
                List<String> known = parent.has("properties") ? new ArrayList<>(parent.get("properties").propertyNames())
                        : List.of();
                String suggestion = Strings.closest(key, known).orElse(null);
                StringBuilder msg = new StringBuilder("Unknown key '").append(Strings.shorten(key)).append("' in ")
                        .append(where);
                if (suggestion != null) {
                    msg.append(": did you mean '").append(suggestion).append("'?");
                }
                if (path.isEmpty() && TrustBlock.KEYS.contains(key)) {
                    msg.append(suggestion == null ? "." : "").append(" The v1 trust block (sandbox: none, "
                            + "runs_with_user_process_permissions: true, permission_enforcement: disclosure_only) is "
                            + "fixed by Astrid and cannot be configured in a manifest.");
                } else if (suggestion == null && !known.isEmpty()) {
                    msg.append(". Known keys: ").append(String.join(", ", known));
                }
                msg.append(canonical(ctx) ? " (Astrid: Additional properties are not allowed ('" + Strings.shorten(key)
                        + "' was unexpected))" : " (Astrid: unknown field(s) in " + (path.isEmpty() ? "<root>"
                        : pythonDotted(path)) + ")");
                Map<String, Object> data = new LinkedHashMap<>();
                data.put("key", key);
                if (suggestion != null) {
                    data.put("suggestion", suggestion);
                }
                ctx.report(UNKNOWN_KEY, keyNode, msg.toString(), data);
            }
            case "required" -> {
                String key = p.property();
                String desc = parent.path("properties").path(key).path("description").asString("");
                YamlNode at = node instanceof YamlMapping map && map.parent() == null && !map.entries().isEmpty()
                        ? map.entries().get(0).key() : RuleContext.anchor(node);
                ctx.report(MISSING_KEY, at, "Missing required key '" + key + "' in " + where
                        + (desc.isEmpty() ? "" : ": " + desc), Map.of("key", key));
            }
            case "type" -> {
                String expected = schema.isArray() ? String.join(" or ", schema.values().stream().map(JsonNode::asString).toList())
                        : schema.asString();
                String msg = where + " must be " + article(expected) + ", not " + PermissionShapeRule.describe(node);
                if (node instanceof YamlScalar s && JsonView.isTimestamp(s)) {
                    msg = where + " must be " + article(expected) + ", but YAML reads unquoted `" + Strings.shorten(s.value())
                            + "` as a date" + ("string".equals(expected) ? ": quote it, `\"" + Strings.shorten(s.value()) + "\"`" : "")
                            + " (Astrid: " + dotted(path) + " must be " + expected + ", got date)";
                } else if ("string".equals(expected) && node instanceof YamlScalar s && s.style() == YamlScalar.Style.PLAIN
                        && (s.kind() == YamlScalar.Kind.FLOAT || s.kind() == YamlScalar.Kind.INT
                        || s.kind() == YamlScalar.Kind.BOOL)) {
                    msg += ". YAML reads unquoted `" + s.value() + "` as a "
                            + (s.kind() == YamlScalar.Kind.BOOL ? "boolean" : "number") + ": quote it, `\"" + s.value() + "\"`";
                }
                ctx.report(WRONG_TYPE, RuleContext.anchor(node), msg, Map.of("expected", expected));
            }
            case "enum", "const" -> {
                List<String> allowed = new ArrayList<>();
                if (schema.isArray()) {
                    schema.values().forEach(v -> allowed.add(v.asString()));
                } else {
                    allowed.add(schema.asString());
                }
                allowed.remove("");
                String given = node instanceof YamlScalar s ? s.value() : PermissionShapeRule.describe(node);
                String suggestion = Strings.closest(given, allowed).orElse(null);
                String python = allowed.stream().map(a -> "'" + a + "'").collect(Collectors.joining(", ", "[", "]"));
                boolean canonical = canonical(ctx);
                String msg = "'" + Strings.shorten(given) + "' is not allowed for " + where
                        + (suggestion != null && !suggestion.equals(given) ? ": did you mean '" + suggestion + "'?" : ".")
                        + " Expected " + (allowed.size() == 1 ? allowed.get(0) : "one of " + String.join(", ", allowed))
                        + (path.isEmpty() || !(node instanceof YamlScalar) ? "" : runtimeParsed(path)
                        ? " (Astrid: " + dotted(path.subList(path.size() - 2, path.size())) + " must be one of " + python + ")"
                        : canonical
                        ? " (Astrid: " + dotted(path) + ": '" + Strings.shorten(given) + "' is not one of " + python + ")"
                        : " (Astrid: " + dotted(path) + " must be one of " + python + ", got '" + Strings.shorten(given) + "')");
                Map<String, Object> data = new LinkedHashMap<>();
                data.put("allowed", allowed);
                if (suggestion != null) {
                    data.put("suggestion", suggestion);
                }
                ctx.report(INVALID_VALUE, RuleContext.anchor(node), msg, data);
            }
            case "pattern" -> {
                String hint = parent.path("patternErrorMessage").asString("must match " + schema.asString());
                String given = node instanceof YamlScalar s ? "'" + Strings.shorten(s.value()) + "'" : where;
                ctx.report(INVALID_VALUE, RuleContext.anchor(node), given + " is not valid for " + where + ": it " + hint);
            }
            case "anyOf", "oneOf" -> ctx.report(INVALID_VALUE, node.parent() == null && node instanceof YamlMapping map
                    && !map.entries().isEmpty() ? map.entries().get(0).key() : RuleContext.anchor(node), p.message());
            case "uniqueItems" -> {
                YamlNode repeat = repeatedItem(node);
                ctx.report(INVALID_VALUE, repeat != null ? repeat : RuleContext.anchor(node), where
                        + " must not repeat items" + (repeat != null ? ": '" + ((YamlScalar) repeat).value()
                        + "' appears twice" : ""));
            }
            case "propertyNames" -> {
                String key = p.property();
                YamlNode keyNode = node instanceof YamlMapping map && map.entry(key) != null ? map.entry(key).key() : node;
                JsonNode names = schema.has("$ref") && schema.get("$ref").asString().startsWith("#")
                        ? store.raw(file).at(schema.get("$ref").asString().substring(1)) : schema;
                String hint = names.path("patternErrorMessage").asString("is not an allowed name");
                String pattern = names.path("pattern").asString("");
                String suggestion = key.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_/-]", "_");
                boolean suggest = !suggestion.equals(key) && !pattern.isEmpty()
                        && Pattern.compile(pattern).matcher(suggestion).find();
                String section = path.size() == 1 ? String.valueOf(path.get(0)) : "";
                String astrid = Set.of("actions", "ui", "rendering", "documents").contains(section)
                        ? " (Astrid: " + section + "." + Strings.shorten(key) + " has invalid local identity)" : "";
                ctx.report(INVALID_VALUE, keyNode, "Key '" + Strings.shorten(key) + "' is not a valid name in " + where
                        + ": it " + hint + (suggest ? "; did you mean '" + suggestion + "'?" : "") + astrid,
                        suggest ? Map.of("key", key, "suggestion", suggestion) : Map.of("key", key));
            }
            case "not" -> ctx.report(INVALID_VALUE, RuleContext.anchor(node), where + " cannot be "
                    + PermissionShapeRule.describe(node));
            default -> ctx.report(INVALID_VALUE, RuleContext.anchor(node), where + " " + p.message());
        }
    }

    @Override
    public List<Fix> fixes(FixContext ctx, Diagnostic d) {
        Manifest m = ctx.manifest();
        YamlScalar scalar = ctx.scalar(d);
        if (scalar == null) {
            return List.of();
        }
        if (d.code() == WRONG_TYPE && "string".equals(d.data().get("expected"))
                && scalar.style() == YamlScalar.Style.PLAIN && !scalar.value().isEmpty()) {
            // A quoted date still fails the X.Y.Z pattern of the canonical grammars: say so, and leave it to the user.
            boolean stillWrong = JsonView.isTimestamp(scalar) && scalar.path().equals(List.of("version"))
                    && m.kind() == ManifestKind.PACK && m.schemaVersion() != null && m.schemaVersion() >= 2;
            return List.of(Fix.of("Quote it: \"" + scalar.value() + "\"" + (stillWrong ? " (still not an X.Y.Z version)" : ""),
                    d.code(), true, !stillWrong, ManifestEdits.replace(m, scalar, ManifestEdits.quoted(scalar.value()))));
        }
        if ((d.code() == UNKNOWN_KEY || d.code() == INVALID_VALUE) && d.data().get("suggestion") instanceof String s
                && !s.equals(scalar.value())) {
            boolean key = d.code() == UNKNOWN_KEY;
            String title = key ? "Rename '" + d.data().get("key") + "' to '" + s + "'" : "Change to '" + s + "'";
            return List.of(Fix.of(title, d.code(), true, Strings.isSlip(scalar.value(), s),
                    ManifestEdits.replace(m, scalar, ManifestEdits.scalar(m, s))));
        }
        return List.of();
    }

    /** Values Astrid's schema leaves open but its executor parser refuses at run time (v3 actions go through it too). */
    private static boolean runtimeParsed(List<Object> path) {
        return path.size() >= 2 && "mode".equals(path.get(path.size() - 1))
                && ("isolation".equals(path.get(path.size() - 2)) || "cache".equals(path.get(path.size() - 2)));
    }

    private static YamlNode repeatedItem(YamlNode node) {
        if (node instanceof YamlSequence s) {
            Set<String> seen = new HashSet<>();
            for (YamlNode item : s.items()) {
                if (item instanceof YamlScalar sc && !seen.add(sc.value())) {
                    return item;
                }
            }
        }
        return null;
    }

    private static String article(String type) {
        return switch (type) {
            case "object" -> "a mapping";
            case "array" -> "a list";
            case "integer" -> "an integer";
            default -> "a " + type;
        };
    }

    /** A pack read by canonical admission (schema_version 2 or 3), whose messages are jsonschema's own. */
    private static boolean canonical(RuleContext ctx) {
        Integer v = ctx.manifest().schemaVersion();
        return ctx.manifest().kind() == ManifestKind.PACK && v != null && v >= 2;
    }

    /** A path as Astrid's v1 validator prints it: {@code extensions.elements.kinds.0}. */
    private static String pythonDotted(List<Object> path) {
        return path.stream().map(String::valueOf).collect(Collectors.joining("."));
    }

    static String dotted(List<Object> path) {
        StringBuilder sb = new StringBuilder();
        for (Object p : path) {
            if (p instanceof Integer i) {
                sb.append('[').append(i).append(']');
            } else {
                if (!sb.isEmpty()) {
                    sb.append('.');
                }
                sb.append(p);
            }
        }
        return sb.toString();
    }

    /** The key node naming {@code key} in a mapping or in a mapping merged into it with {@code <<}; else the node. */
    private static YamlNode keyNode(YamlNode node, String key) {
        if (!(node instanceof YamlMapping map)) {
            return node;
        }
        if (map.entry(key) != null) {
            return map.entry(key).key();
        }
        YamlMapping.Entry merge = map.entry("<<");
        YamlNode source = merge == null ? null : YamlNode.deref(merge.value());
        for (YamlNode s : source instanceof YamlSequence seq ? seq.items() : source == null ? List.<YamlNode>of() : List.of(source)) {
            if (YamlNode.deref(s) instanceof YamlMapping m && m != map && m.entry(key) != null) {
                return m.entry(key).key();
            }
        }
        return node;
    }

    /** The value of the last entry with this key (the one PyYAML keeps), else the merged-in value. */
    private static YamlNode last(YamlMapping map, String key) {
        List<YamlMapping.Entry> entries = map.entries();
        for (int i = entries.size() - 1; i >= 0; i--) {
            if (key.equals(entries.get(i).keyText())) {
                return YamlNode.deref(entries.get(i).value());
            }
        }
        return map.get(key);
    }

    /** The tree node at a JSON path; merge keys, repeated keys and aliases are followed like the JSON view does. */
    static YamlNode find(YamlNode root, List<Object> path) {
        YamlNode current = root;
        for (Object segment : path) {
            while (current instanceof YamlAlias a && a.target() != null) {
                current = a.target();
            }
            if (segment instanceof Integer i && current instanceof YamlSequence s && i < s.items().size()) {
                current = s.items().get(i);
            } else if (segment instanceof String key && current instanceof YamlMapping map && map.get(key) != null) {
                current = last(map, key);
            } else {
                return current;
            }
        }
        return current;
    }
}
