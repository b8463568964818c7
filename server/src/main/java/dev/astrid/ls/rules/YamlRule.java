package dev.astrid.ls.rules;

import dev.astrid.ls.core.Code;
import dev.astrid.ls.core.Diagnostic;
import dev.astrid.ls.model.Strings;
import dev.astrid.ls.yaml.YamlDocument;
import dev.astrid.ls.yaml.YamlMapping;
import dev.astrid.ls.yaml.YamlNode;
import dev.astrid.ls.yaml.YamlParser;
import dev.astrid.ls.yaml.YamlSequence;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * YAML-level problems, all of which Astrid's loader rejects: syntax errors, duplicate keys, extra
 * documents, tags a safe loader will not construct, and text that is not UTF-8. Also says when a
 * file is too large to be checked at all.
 */
public final class YamlRule implements Rule {
    public static final Code SYNTAX = Code.error("yaml-syntax");
    public static final Code DUPLICATE_KEY = Code.error("yaml-duplicate-key");
    public static final Code MULTIPLE_DOCUMENTS = Code.error("yaml-multiple-documents");
    public static final Code UNSUPPORTED_TAG = Code.error("yaml-unsupported-tag");
    public static final Code INVALID_ENCODING = Code.error("yaml-invalid-encoding");
    public static final Code TOO_LARGE = Code.warning("yaml-too-large");
    public static final Code TOO_DEEP = Code.warning("yaml-too-deep");

    /** The tags a safe YAML 1.1 loader (PyYAML's safe_load, which Astrid uses) constructs. */
    private static final Set<String> SAFE_TAGS = Set.of("str", "int", "float", "bool", "null", "seq", "map",
            "binary", "timestamp", "set", "omap", "pairs").stream()
            .map(t -> "tag:yaml.org,2002:" + t).collect(Collectors.toSet());

    @Override
    public List<Code> codes() {
        return List.of(SYNTAX, DUPLICATE_KEY, MULTIPLE_DOCUMENTS, UNSUPPORTED_TAG, INVALID_ENCODING, TOO_LARGE,
                TOO_DEEP);
    }

    @Override
    public void check(RuleContext ctx) {
        YamlDocument yaml = ctx.manifest().yaml();
        if (yaml.skipped() == YamlDocument.Limit.SIZE) {
            ctx.report(TOO_LARGE, 0, 0, "Not checked: this file has " + yaml.measure() + " characters, more than the "
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
        for (YamlDocument.SyntaxError e : yaml.errors()) {
            ctx.report(SYNTAX, e.start(), e.end(), e.message(), Map.of(), List.of());
        }
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
                for (YamlMapping.Entry e : m.entries()) {
                    String key = e.keyText();
                    YamlNode first = key == null ? null : keys.putIfAbsent(key, e.key());
                    if (first != null) {
                        int line = ctx.range(first).start().line() + 1;
                        ctx.report(DUPLICATE_KEY, e.key().start(), e.key().end(), "Duplicate key '" + Strings.shorten(key)
                                + "': it is already set on line " + line + ", and Astrid rejects manifests with "
                                + "duplicate keys", Map.of("key", key), List.of(new Diagnostic.Related(
                                ctx.manifest().document().uri(), ctx.range(first), "first '" + Strings.shorten(key) + "'")));
                    }
                    todo.push(e.value());
                }
            } else if (node instanceof YamlSequence s) {
                s.items().forEach(todo::push);
            }
        }
    }
}
