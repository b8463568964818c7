package dev.astrid.ls.rules;

import com.google.auto.service.AutoService;
import dev.astrid.ls.core.Code;
import dev.astrid.ls.core.Diagnostic;
import dev.astrid.ls.model.ManifestKind;
import dev.astrid.ls.model.Strings;
import dev.astrid.ls.schema.JsonText;
import dev.astrid.ls.yaml.YamlDocument;
import dev.astrid.ls.yaml.YamlMapping;
import dev.astrid.ls.yaml.YamlNode;
import dev.astrid.ls.yaml.YamlParser;
import dev.astrid.ls.yaml.YamlScalar;
import dev.astrid.ls.yaml.YamlSequence;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;

/**
 * YAML-level problems, all of which Astrid's loader rejects: syntax errors, duplicate keys, extra
 * documents, tags a safe loader will not construct, and text that is not UTF-8. Also says when a
 * file is too large to be checked at all.
 */
@AutoService(Rule.class)
public final class YamlRule implements Rule {
    public static final Code SYNTAX = Code.error("yaml-syntax");
    public static final Code DUPLICATE_KEY = Code.error("yaml-duplicate-key");
    public static final Code MULTIPLE_DOCUMENTS = Code.error("yaml-multiple-documents");
    public static final Code UNSUPPORTED_TAG = Code.error("yaml-unsupported-tag");
    public static final Code INVALID_ENCODING = Code.error("yaml-invalid-encoding");
    public static final Code TOO_LARGE = Code.warning("yaml-too-large");
    public static final Code TOO_DEEP = Code.warning("yaml-too-deep");
    public static final Code DUPLICATE_KEY_IGNORED = Code.warning("yaml-duplicate-key-ignored");
    public static final Code MERGE_KEY = Code.error("yaml-merge-key");
    public static final Code JSON_SYNTAX = Code.error("json-syntax");

    /** The tags a safe YAML 1.1 loader (PyYAML's safe_load, which Astrid uses) constructs. */
    private static final Set<String> SAFE_TAGS = Set.of("str", "int", "float", "bool", "null", "seq", "map",
            "binary", "timestamp", "set", "omap", "pairs").stream()
            .map(t -> "tag:yaml.org,2002:" + t).collect(Collectors.toSet());

    @Override
    public List<Code> codes() {
        return List.of(SYNTAX, DUPLICATE_KEY, MULTIPLE_DOCUMENTS, UNSUPPORTED_TAG, INVALID_ENCODING, TOO_LARGE,
                TOO_DEEP, DUPLICATE_KEY_IGNORED, MERGE_KEY, JSON_SYNTAX);
    }

    @Override
    public void check(RuleContext ctx) {
        YamlDocument yaml = ctx.manifest().yaml();
        if (yaml.skipped() == YamlDocument.Limit.SIZE) {
            ctx.report(TOO_LARGE, 0, 0, "Not checked: this file has at least " + yaml.measure() + " characters, more than the "
                    + YamlParser.MAX_CHARS + " this server parses. A pack manifest is normally a few kilobytes.",
                    Map.of(), List.of());
            return;
        }
        if (yaml.skipped() == YamlDocument.Limit.DEPTH) {
            ctx.report(TOO_DEEP, 0, 0, "Not checked: brackets in this file nest " + yaml.measure() + " levels deep, "
                    + "more than the " + YamlParser.MAX_FLOW_DEPTH + " this server parses. A pack manifest nests a "
                    + "handful.", Map.of(), List.of());
            return;
        }
        String text = ctx.manifest().document().text();
        int replacement = text.indexOf('\uFFFD');
        if (replacement >= 0) {
            ctx.report(INVALID_ENCODING, replacement, replacement + 1, "This file is not valid UTF-8 here (the bytes "
                    + "could not be decoded). Astrid reads manifests as UTF-8: save the file in that encoding.",
                    Map.of(), List.of());
        }
        boolean json = ctx.manifest().document().uri().toLowerCase(Locale.ROOT).endsWith(".json");
        if (json) {
            json(ctx, text); // Astrid reads .json with json.loads: that verdict replaces the YAML parser's
        } else {
            for (YamlDocument.SyntaxError e : yaml.errors()) {
                ctx.report(SYNTAX, e.start(), e.end(), e.message(), Map.of(), List.of());
            }
        }
        Integer version = ctx.manifest().schemaVersion();
        // Only canonical packs (2 and 3) are read with Astrid's strict loader; everything else with
        // yaml.safe_load or json.loads, where the last of repeated keys wins and `<<` merges.
        boolean strict = !json && ctx.manifest().kind() == ManifestKind.PACK && version != null
                && (version == 2 || version == 3);
        for (int start : yaml.extraDocuments()) {
            ctx.report(MULTIPLE_DOCUMENTS, start, Math.min(start + 3, ctx.manifest().document().text().length()),
                    "A manifest holds a single YAML document; Astrid does not read anything after this `---`",
                    Map.of(), List.of());
        }
        Deque<YamlNode> todo = new ArrayDeque<>();
        if (yaml.root() != null) {
            todo.push(yaml.root());
        }
        while (!todo.isEmpty()) {
            YamlNode node = todo.pop();
            if (node.tag() != null && !SAFE_TAGS.contains(node.tag())) {
                String shown = node.tag().startsWith("tag:yaml.org,2002:") ? "!!" + node.tag().substring(18) : node.tag();
                int end = Math.min(node.end(), ctx.manifest().document().lineEnd(ctx.range(node).start().line()));
                ctx.report(UNSUPPORTED_TAG, node.start(), Math.max(node.start() + 1, end), "The tag "
                        + Strings.shorten(shown) + " is not one a safe YAML loader constructs; Astrid rejects the "
                        + "manifest. Remove the tag and write the value as plain YAML.", Map.of("tag", shown), List.of());
            }
            if (node instanceof YamlMapping m) {
                Map<String, YamlNode> keys = new HashMap<>();
                Map<String, YamlMapping.Entry> last = new HashMap<>();
                for (YamlMapping.Entry e : m.entries()) {
                    String key = e.keyText();
                    if (key != null) {
                        last.put(key, e);
                    }
                    if (strict && e.isMerge()) {
                        ctx.report(MERGE_KEY, e.key(), "Merge keys (`<<`) are refused in a schema_version " + version
                                + " pack: Astrid's canonical loader cannot read them; write the keys out (Astrid: invalid "
                                + "YAML canonical pack: could not determine a constructor for the tag "
                                + "'tag:yaml.org,2002:merge')");
                    }
                    YamlNode first = key == null ? null : keys.putIfAbsent(key, e.key());
                    if (first != null && strict) {
                        int line = ctx.range(first).start().line() + 1;
                        ctx.report(DUPLICATE_KEY, e.key().start(), e.key().end(), "Duplicate key '" + Strings.shorten(key)
                                + "': it is already set on line " + line + ", and Astrid's canonical loader rejects "
                                + "the pack (Astrid: manifest contains duplicate key '" + Strings.shorten(key) + "')",
                                Map.of("key", key), List.of(new Diagnostic.Related(ctx.manifest().document().uri(),
                                        ctx.range(first), "first '" + Strings.shorten(key) + "'")));
                    }
                    todo.push(e.value());
                }
                if (!strict) {
                    ignoredDuplicates(ctx, m, last);
                }
            } else if (node instanceof YamlSequence s) {
                s.items().forEach(todo::push);
            }
        }
    }

    /** Where the last repeated key wins (yaml.safe_load, json.loads), the earlier ones are silently dropped. */
    private static void ignoredDuplicates(RuleContext ctx, YamlMapping m, Map<String, YamlMapping.Entry> last) {
        for (YamlMapping.Entry e : m.entries()) {
            String key = e.keyText();
            YamlMapping.Entry kept = key == null ? null : last.get(key);
            if (kept != null && kept != e) {
                int line = ctx.range(kept.key()).start().line() + 1;
                String value = YamlNode.deref(kept.value()) instanceof YamlScalar s ? "'" + Strings.shorten(s.value()) + "'"
                        : "the " + PermissionShapeRule.describe(kept.value()).replaceFirst("^an? ", "") + " there";
                ctx.report(DUPLICATE_KEY_IGNORED, e.key().start(), e.key().end(), "Duplicate key '" + Strings.shorten(key)
                        + "': Astrid ignores this one and keeps the last, on line " + line + ": " + value + ". Remove "
                        + "one of them.", Map.of("key", key), List.of(new Diagnostic.Related(
                        ctx.manifest().document().uri(), ctx.range(kept.key()), "the '" + Strings.shorten(key)
                        + "' Astrid keeps")));
            }
        }
    }

    /** Strict JSON, as Python's json.loads reads it: trailing commas, comments and single quotes fail. */
    private static void json(RuleContext ctx, String text) {
        try {
            JsonText.parse(text);
        } catch (JacksonException e) {
            TokenStreamLocation where = e.getLocation();
            int at = where == null || where.getCharOffset() < 0 ? 0 : (int) Math.min(where.getCharOffset(), text.length());
            int before = at - 1;
            while (before >= 0 && Character.isWhitespace(text.charAt(before))) {
                before--;
            }
            char c = at < text.length() ? text.charAt(at) : 0;
            String jackson = e.getOriginalMessage();
            String what;
            String python;
            if ((c == '}' || c == ']') && before >= 0 && text.charAt(before) == ',') {
                at = before;
                what = "a trailing comma";
                python = c == '}' ? "Expecting property name enclosed in double quotes" : "Expecting value";
            } else if (c == '/' || c == '#') {
                what = "a comment (JSON has none)";
                python = "Expecting value";
            } else if (c == '\'') {
                what = "a single-quoted string (JSON needs double quotes)";
                python = jackson.contains("property name") ? "Expecting property name enclosed in double quotes"
                        : "Expecting value";
            } else if (jackson.contains("property name")) {
                what = "a key without double quotes";
                python = "Expecting property name enclosed in double quotes";
            } else if (jackson.contains("Trailing token") || jackson.startsWith("Unrecognized token") && before >= 0
                    && (text.charAt(before) == '}' || text.charAt(before) == ']')) {
                what = "more text after the manifest's value";
                python = "Extra data";
            } else if (jackson.contains("CTRL-CHAR")) {
                what = "a control character inside a string (escape it)";
                python = "Invalid control character";
            } else {
                what = at >= text.length() ? "the text ends too early" : "unexpected text";
                python = "Expecting value";
            }
            int start = Math.max(0, Math.min(at, text.length() - 1));
            ctx.report(JSON_SYNTAX, start, Math.min(text.length(), start + 1),
                    "Not valid JSON: " + what + ". Astrid reads .json manifests with Python's strict JSON parser "
                    + "(Astrid: invalid JSON " + ctx.manifest().kind().baseName() + " manifest: " + python + ")",
                    Map.of(), List.of());
        }
    }
}
