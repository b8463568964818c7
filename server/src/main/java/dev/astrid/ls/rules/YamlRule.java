package dev.astrid.ls.rules;

import dev.astrid.ls.yaml.YamlDocument;
import dev.astrid.ls.yaml.YamlMapping;
import dev.astrid.ls.yaml.YamlNode;
import dev.astrid.ls.yaml.YamlSequence;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** YAML-level problems: syntax errors, duplicate keys and extra documents, all rejected by Astrid. */
public final class YamlRule implements Rule {
    public static final Code SYNTAX = Code.error("yaml-syntax");
    public static final Code DUPLICATE_KEY = Code.error("yaml-duplicate-key");
    public static final Code MULTIPLE_DOCUMENTS = Code.error("yaml-multiple-documents");

    @Override
    public List<Code> codes() {
        return List.of(SYNTAX, DUPLICATE_KEY, MULTIPLE_DOCUMENTS);
    }

    @Override
    public void check(RuleContext ctx) {
        YamlDocument yaml = ctx.manifest().yaml();
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
            if (node instanceof YamlMapping m) {
                Map<String, YamlNode> keys = new HashMap<>();
                for (YamlMapping.Entry e : m.entries()) {
                    String key = e.keyText();
                    YamlNode first = key == null ? null : keys.putIfAbsent(key, e.key());
                    if (first != null) {
                        int line = ctx.range(first).start().line() + 1;
                        ctx.report(DUPLICATE_KEY, e.key().start(), e.key().end(), "Duplicate key '" + key
                                + "': it is already set on line " + line + ", and Astrid rejects manifests with "
                                + "duplicate keys", Map.of("key", key), List.of(new Diagnostic.Related(
                                ctx.manifest().document().uri(), ctx.range(first), "first '" + key + "'")));
                    }
                    todo.push(e.value());
                }
            } else if (node instanceof YamlSequence s) {
                s.items().forEach(todo::push);
            }
        }
    }
}
