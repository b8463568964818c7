package dev.astrid.ls.rules;

import com.networknt.schema.Error;
import com.networknt.schema.path.NodePath;
import dev.astrid.ls.model.Manifest;
import dev.astrid.ls.model.ManifestKind;
import dev.astrid.ls.model.Strings;
import dev.astrid.ls.schema.JsonView;
import dev.astrid.ls.schema.SchemaStore;
import dev.astrid.ls.yaml.YamlMapping;
import dev.astrid.ls.yaml.YamlNode;
import dev.astrid.ls.yaml.YamlScalar;
import dev.astrid.ls.yaml.YamlSequence;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Structure, checked against the bundled JSON Schema for the manifest's kind and schema_version
 * through the validator library, with each error mapped to a friendly message on the smallest
 * range. The permission rules own {@code permissions}, so schema errors there are left to them.
 */
public final class SchemaRule implements Rule {
    public static final Code UNKNOWN_KEY = Code.error("schema-unknown-key");
    public static final Code MISSING_KEY = Code.error("schema-missing-key");
    public static final Code WRONG_TYPE = Code.error("schema-wrong-type");
    public static final Code INVALID_VALUE = Code.error("schema-invalid-value");
    public static final Code VERSION_MISSING = Code.error("schema-version-missing");
    public static final Code VERSION_UNSUPPORTED = Code.info("schema-version-unsupported");
    public static final Code TOO_COMPLEX = Code.warning("schema-not-checked");

    /** The v1 trust block is fixed by Astrid; writing it into a manifest configures nothing. */
    public static final Set<String> TRUST_BLOCK_KEYS =
            Set.of("sandbox", "trust", "runs_with_user_process_permissions", "permission_enforcement");

    private final SchemaStore store;

    public SchemaRule(SchemaStore store) {
        this.store = store;
    }

    @Override
    public List<Code> codes() {
        return List.of(UNKNOWN_KEY, MISSING_KEY, WRONG_TYPE, INVALID_VALUE, VERSION_MISSING, VERSION_UNSUPPORTED,
                TOO_COMPLEX);
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
        if (!(root instanceof YamlMapping rootMap)) {
            String kind = m.kind().baseName();
            ctx.report(WRONG_TYPE, RuleContext.anchor(root), (kind.matches("[aeiou].*") ? "An " : "A ") + kind
                    + " manifest must be a mapping of "
                    + "keys such as `id:` and `name:`, but found " + PermissionShapeRule.describe(root));
            return;
        }
        if (!checkVersion(ctx, m, rootMap)) {
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
        for (Error error : collapseCombinators(store.validate(file, json))) {
            List<Object> path = elements(error.getInstanceLocation());
            if (ownedByOtherRules(path, error.getKeyword())) {
                continue;
            }
            if (incomplete && "required".equals(error.getKeyword())) {
                continue; // the tree lost lines to the syntax error; absent keys may just be unparsed
            }
            YamlNode node = find(root, path);
            if (node != null && seen.add(error.getKeyword() + path + error.getProperty())) {
                report(ctx, error, node, path);
            }
        }
    }

    /**
     * A failed anyOf/oneOf yields one error per branch. When the combinator's schema carries an
     * {@code x-message}, keep a single error (reported with that message); otherwise keep only
     * the errors of the branch that came closest to matching, as users mean one of them.
     */
    private List<Error> collapseCombinators(List<Error> errors) {
        Map<String, List<Error>> groups = new LinkedHashMap<>();
        List<Error> out = new ArrayList<>();
        for (Error e : errors) {
            String combinator = combinatorPrefix(elements(e.getEvaluationPath()));
            if (combinator == null) {
                out.add(e);
            } else {
                groups.computeIfAbsent(combinator, k -> new ArrayList<>()).add(e);
            }
        }
        for (List<Error> group : groups.values()) {
            Error first = group.get(0);
            JsonNode holder = store.raw(file(first)).at(combinatorPointer(first));
            if (holder.has("x-message")) {
                out.add(combinatorError(first, holder));
                continue;
            }
            List<Error> inner = group.stream().filter(e -> !isCombinator(e)).toList();
            if (inner.isEmpty()) {
                out.add(first);
                continue;
            }
            Map<Object, List<Error>> byBranch = new LinkedHashMap<>();
            for (Error e : inner) {
                List<Object> eval = elements(e.getEvaluationPath());
                int at = combinatorIndex(eval);
                byBranch.computeIfAbsent(at + 1 < eval.size() ? eval.get(at + 1) : -1, k -> new ArrayList<>()).add(e);
            }
            out.addAll(byBranch.values().stream().min(java.util.Comparator.comparingInt(List::size)).orElse(group));
        }
        return out;
    }

    private static boolean isCombinator(Error e) {
        return e.getKeyword().equals("anyOf") || e.getKeyword().equals("oneOf");
    }

    private static int combinatorIndex(List<Object> eval) {
        for (int i = 0; i < eval.size(); i++) {
            if ("anyOf".equals(eval.get(i)) || "oneOf".equals(eval.get(i))) {
                return i;
            }
        }
        return -1;
    }

    private static String combinatorPrefix(List<Object> eval) {
        int i = combinatorIndex(eval);
        return i < 0 ? null : eval.subList(0, i + 1).toString();
    }

    /** Where, in the schema file, the object holding the first anyOf/oneOf of the error's path is. */
    private static String combinatorPointer(Error e) {
        String fragment = e.getSchemaLocation().getFragment().toString() + "/";
        int any = fragment.indexOf("/anyOf/");
        int one = fragment.indexOf("/oneOf/");
        int at = any < 0 ? one : one < 0 ? any : Math.min(any, one);
        return at < 0 ? "" : fragment.substring(0, at);
    }

    /** One anyOf-style error at the combinator's instance, carrying the schema's own message. */
    private static Error combinatorError(Error inner, JsonNode holder) {
        List<Object> eval = elements(inner.getEvaluationPath());
        int depth = 0;
        for (int i = 0; i < combinatorIndex(eval); i++) {
            if ("properties".equals(eval.get(i)) || "items".equals(eval.get(i))) {
                depth++;
            }
        }
        com.networknt.schema.path.NodePath instance = inner.getInstanceLocation();
        while (instance.getNameCount() > depth) {
            instance = instance.getParent();
        }
        return Error.builder().keyword("anyOf").instanceLocation(instance).schemaLocation(inner.getSchemaLocation())
                .evaluationPath(inner.getEvaluationPath()).messageSupplier(() -> holder.get("x-message").asString()).build();
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

    /** Handles schema_version itself; returns false when no structure check applies. */
    private boolean checkVersion(RuleContext ctx, Manifest m, YamlMapping root) {
        if (m.kind() != ManifestKind.PACK) {
            return true;
        }
        YamlMapping.Entry entry = root.entry("schema_version");
        if (entry == null) {
            YamlNode first = root.entries().isEmpty() ? root : root.entries().get(0).key();
            ctx.report(VERSION_MISSING, first, "This pack manifest has no schema_version. Astrid still loads such "
                    + "legacy packs, but its validator rejects them: add `schema_version: 1` (the documented grammar) "
                    + "or `schema_version: 2` (the strict canonical grammar). Permission checks still apply.",
                    Map.of("insert", "schema_version: 1"));
            return false;
        }
        Integer version = m.schemaVersion();
        if (version == null) {
            ctx.report(WRONG_TYPE, RuleContext.anchor(entry.value()), "schema_version must be an integer, 1 or 2, but found "
                    + PermissionShapeRule.describe(entry.value()), Map.of("expected", "integer"));
            return false;
        }
        if (version != 1 && version != 2) {
            ctx.report(VERSION_UNSUPPORTED, entry.value(), "schema_version " + version + " has no grammar this server "
                    + "knows (it knows 1 and 2), so structure is not checked; the permission and secret checks still "
                    + "apply.");
            return false;
        }
        return true;
    }

    private void report(RuleContext ctx, Error error, YamlNode node, List<Object> path) {
        String where = path.isEmpty() ? "the " + ctx.manifest().kind().baseName() + " manifest" : "`" + dotted(path) + "`";
        JsonNode schema = error.getSchemaNode();
        JsonNode parent = store.raw(file(error)).at(parentPointer(error));
        switch (error.getKeyword()) {
            case "additionalProperties", "unevaluatedProperties" -> {
                String key = error.getProperty();
                YamlNode keyNode = node instanceof YamlMapping map && map.entry(key) != null ? map.entry(key).key() : node;
                List<String> known = parent.has("properties") ? new ArrayList<>(parent.get("properties").propertyNames())
                        : List.of();
                String suggestion = Strings.closest(key, known).orElse(null);
                StringBuilder msg = new StringBuilder("Unknown key '").append(Strings.shorten(key)).append("' in ")
                        .append(where);
                if (suggestion != null) {
                    msg.append(". Did you mean '").append(suggestion).append("'?");
                }
                if (path.isEmpty() && TRUST_BLOCK_KEYS.contains(key)) {
                    msg.append(suggestion == null ? "." : "").append(" The v1 trust block (sandbox: none, runs_with_user_process_permissions: true, "
                            + "permission_enforcement: disclosure_only) is fixed by Astrid and cannot be configured "
                            + "in a manifest.");
                } else if (suggestion == null && !known.isEmpty()) {
                    msg.append(". Known keys: ").append(String.join(", ", known));
                }
                Map<String, Object> data = new LinkedHashMap<>();
                data.put("key", key);
                if (suggestion != null) {
                    data.put("suggestion", suggestion);
                }
                ctx.report(UNKNOWN_KEY, keyNode, msg.toString(), data);
            }
            case "required" -> {
                String key = error.getProperty();
                JsonNode propSchema = parent.path("properties").path(key);
                String desc = propSchema.path("description").asString("");
                YamlNode at = node instanceof YamlMapping map && map.parent() == null && !map.entries().isEmpty()
                        ? map.entries().get(0).key() : RuleContext.anchor(node);
                ctx.report(MISSING_KEY, at, "Missing required key '" + key + "' in " + where
                        + (desc.isEmpty() ? "" : ": " + desc), Map.of("key", key));
            }
            case "type" -> {
                String expected = schema.isArray() ? String.join(" or ", schema.values().stream().map(JsonNode::asString).toList())
                        : schema.asString();
                String msg = where + " must be " + article(expected) + ", but found " + PermissionShapeRule.describe(node);
                if ("string".equals(expected) && node instanceof YamlScalar s && s.style() == YamlScalar.Style.PLAIN
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
                String msg = "'" + Strings.shorten(given) + "' is not allowed for " + where + ": expected "
                        + (allowed.size() == 1 ? allowed.get(0) : "one of " + String.join(", ", allowed))
                        + (suggestion != null && !suggestion.equals(given) ? ". Did you mean '" + suggestion + "'?" : "");
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
                            && !map.entries().isEmpty() ? map.entries().get(0).key() : RuleContext.anchor(node),
                    error.getMessage().replaceFirst("^\\$[^ ]*: ", ""));
            case "uniqueItems" -> {
                YamlNode repeat = repeatedItem(node);
                ctx.report(INVALID_VALUE, repeat != null ? repeat : RuleContext.anchor(node), where
                        + " must not repeat items" + (repeat != null ? ": '" + ((YamlScalar) repeat).value()
                        + "' appears twice" : ""));
            }
            case "not" -> ctx.report(INVALID_VALUE, RuleContext.anchor(node), where + " cannot be "
                    + PermissionShapeRule.describe(node));
            default -> ctx.report(INVALID_VALUE, RuleContext.anchor(node), where + " " + error.getMessage()
                    .replaceFirst("^\\$[^ ]*: ", ""));
        }
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

    private static String file(Error error) {
        String iri = error.getSchemaLocation().getAbsoluteIri().toString();
        return iri.substring(iri.lastIndexOf('/') + 1);
    }

    /** The JSON pointer of the schema object holding the failing keyword. */
    private static String parentPointer(Error error) {
        String fragment = error.getSchemaLocation().getFragment().toString();
        int slash = fragment.lastIndexOf('/');
        return slash <= 0 ? "" : fragment.substring(0, slash);
    }

    static List<Object> elements(NodePath path) {
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < path.getNameCount(); i++) {
            out.add(path.getElement(i));
        }
        return out;
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

    /** The tree node at a JSON path; merge keys and aliases are followed like the JSON view does. */
    static YamlNode find(YamlNode root, List<Object> path) {
        YamlNode current = root;
        for (Object segment : path) {
            while (current instanceof dev.astrid.ls.yaml.YamlAlias a && a.target() != null) {
                current = a.target();
            }
            if (segment instanceof Integer i && current instanceof YamlSequence s && i < s.items().size()) {
                current = s.items().get(i);
            } else if (segment instanceof String key && current instanceof YamlMapping map && map.get(key) != null) {
                current = map.get(key);
            } else {
                return current;
            }
        }
        return current;
    }
}
