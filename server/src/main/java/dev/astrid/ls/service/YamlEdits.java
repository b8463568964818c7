package dev.astrid.ls.service;

import dev.astrid.ls.model.Manifest;
import dev.astrid.ls.text.TextDocument;
import dev.astrid.ls.yaml.YamlMapping;
import dev.astrid.ls.yaml.YamlNode;
import dev.astrid.ls.yaml.YamlScalar;
import dev.astrid.ls.yaml.YamlSequence;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Minimal text edits to manifests that keep the user's layout: indentation is taken from the
 * surrounding items, flow and JSON text stay flow and JSON, and nothing else is rewritten (so
 * comments and quoting survive).
 */
final class YamlEdits {
    private static final Pattern PLAIN_SAFE = Pattern.compile("[A-Za-z0-9_./@(][^:#\\n]*(?<![\\s])");

    private YamlEdits() {}

    /** JSON text (a flow mapping root) gets JSON in its edits. */
    static boolean isJson(Manifest m) {
        return m.root() != null && m.root().isFlow() && m.document().text().stripLeading().startsWith("{");
    }

    /** A scalar in the target's style: a JSON string, or plain YAML when that reads back the same. */
    static String scalar(Manifest m, String value) {
        if (!isJson(m) && PLAIN_SAFE.matcher(value).matches() && !value.contains(": ")
                && !value.matches("(?i)true|false|yes|no|on|off|null|~|[-+0-9.][0-9._:eE+-]*")) {
            return value;
        }
        return quoted(value);
    }

    static String quoted(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }

    static Edit replace(Manifest m, YamlNode node, String text) {
        return new Edit(m.document().uri(), node.start(), node.end(), text);
    }

    static String indent(int n) {
        return " ".repeat(Math.max(0, n));
    }

    /** The line of the last character of a node (block scalars may end after their newline). */
    static int lastLine(TextDocument doc, YamlNode node) {
        int end = node.end();
        String text = doc.text();
        while (end > node.start() && Character.isWhitespace(text.charAt(end - 1))) {
            end--;
        }
        return doc.positionAt(Math.max(node.start(), end - 1)).line();
    }

    static int column(TextDocument doc, int offset) {
        return doc.positionAt(offset).character();
    }

    /** The column of the dash of a block sequence item (its line's indentation). */
    static int dashColumn(TextDocument doc, YamlNode item) {
        String line = doc.lineText(doc.positionAt(item.start()).line());
        int indent = line.length() - line.stripLeading().length();
        return line.startsWith("-", indent) ? indent : Math.max(0, column(doc, item.start()) - 2);
    }

    /** A line inserted above the given line, with that line's indentation. */
    static Edit lineAbove(Manifest m, int line, String text) {
        TextDocument doc = m.document();
        String current = doc.lineText(line);
        String indent = current.substring(0, current.length() - current.stripLeading().length());
        return new Edit(doc.uri(), doc.lineStart(line), doc.lineStart(line), indent + text + "\n");
    }

    /** Removes a sequence item: its whole lines in block style, the item and a comma in flow style. */
    static Edit deleteItem(Manifest m, YamlSequence seq, YamlNode item) {
        TextDocument doc = m.document();
        if (seq.isFlow()) {
            String text = doc.text();
            int start = item.start();
            int end = item.end();
            int i = seq.items().indexOf(item);
            if (i + 1 < seq.items().size()) {
                end = seq.items().get(i + 1).start();
            } else if (i > 0) {
                start = seq.items().get(i - 1).end();
            }
            while (end < text.length() && i + 1 >= seq.items().size() && text.charAt(end) == ' ') {
                end++;
            }
            return new Edit(doc.uri(), start, end, "");
        }
        int first = doc.positionAt(item.start()).line();
        int last = lastLine(doc, item);
        int end = last + 1 < doc.lineCount() ? doc.lineStart(last + 1) : doc.text().length();
        return new Edit(doc.uri(), doc.lineStart(first), end, "");
    }

    /** Appends one mapping item to the top-level sequence {@code key}; see {@link #appendItems}. */
    static Edit appendItem(Manifest m, String key, List<Map.Entry<String, String>> fields) {
        return appendItems(m, key, List.of(fields));
    }

    /**
     * Appends mapping items (keys and already-formatted values, in order) to the top-level
     * sequence {@code key}, creating the key, or turning {@code []} or a null into a list, as needed.
     */
    static Edit appendItems(Manifest m, String key, List<List<Map.Entry<String, String>>> items) {
        TextDocument doc = m.document();
        String uri = doc.uri();
        YamlMapping root = m.root();
        YamlMapping.Entry entry = root == null ? null : root.entry(key);
        if (isJson(m)) {
            String objects = items.stream().map(fields -> fields.stream()
                    .map(f -> quoted(f.getKey()) + ": " + f.getValue())
                    .collect(Collectors.joining(", ", "{", "}"))).collect(Collectors.joining(", "));
            if (entry != null && entry.value() instanceof YamlSequence seq && seq.isFlow()) {
                int close = seq.end() - 1;
                return new Edit(uri, close, close, (seq.items().isEmpty() ? "" : ", ") + objects);
            }
            int close = root.end() - 1;
            return new Edit(uri, close, close, (root.entries().isEmpty() ? "" : ", ") + quoted(key) + ": [" + objects + "]");
        }
        if (entry != null && entry.value() instanceof YamlSequence seq && !seq.items().isEmpty()) {
            if (seq.isFlow()) {
                String objects = items.stream().map(fields -> fields.stream().map(f -> f.getKey() + ": " + f.getValue())
                        .collect(Collectors.joining(", ", "{", "}"))).collect(Collectors.joining(", "));
                return new Edit(uri, seq.end() - 1, seq.end() - 1, ", " + objects);
            }
            YamlNode last = seq.items().get(seq.items().size() - 1);
            YamlNode first = seq.items().get(0);
            int dash = dashColumn(doc, first);
            int keys = first instanceof YamlMapping ? column(doc, first.start()) : dash + 2;
            int at = doc.lineEnd(lastLine(doc, last));
            return new Edit(uri, at, at, "\n" + blocks(items, dash, keys));
        }
        if (entry != null) {
            // `key:`, `key: ~` or `key: []`: the value becomes a block list under the key
            int keyColumn = column(doc, entry.key().start());
            int from = entry.key().end();
            int colon = doc.text().indexOf(':', from);
            int start = colon < 0 ? from : colon + 1;
            int end = entry.value().end() > start ? entry.value().end() : start;
            return new Edit(uri, start, end, "\n" + blocks(items, keyColumn + 2, keyColumn + 4));
        }
        String text = doc.text();
        String lead = text.isEmpty() || text.endsWith("\n") ? "" : "\n";
        return new Edit(uri, text.length(), text.length(), lead + key + ":\n" + blocks(items, 2, 4) + "\n");
    }

    private static String blocks(List<List<Map.Entry<String, String>>> items, int dash, int keys) {
        return items.stream().map(fields -> block(fields, dash, keys)).collect(Collectors.joining("\n"));
    }

    /** Lines of a block mapping item: the first key after the dash, the others aligned under it. */
    static String block(List<Map.Entry<String, String>> fields, int dash, int keys) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < fields.size(); i++) {
            Map.Entry<String, String> f = fields.get(i);
            sb.append(i == 0 ? indent(dash) + "- " + indent(keys - dash - 2) : "\n" + indent(keys))
                    .append(f.getKey()).append(":").append(f.getValue().isEmpty() ? "" : " " + f.getValue());
        }
        return sb.toString();
    }

    /** The mapping of a permission (or other) item that holds the node, climbing from it. */
    static YamlMapping itemOf(YamlNode node, YamlSequence list) {
        for (YamlNode n = node; n != null; n = n.parent()) {
            if (n.parent() == list && n instanceof YamlMapping map) {
                return map;
            }
        }
        return null;
    }

    static YamlScalar scalarAt(Manifest m, int offset) {
        return m.yaml().nodeAt(offset) instanceof YamlScalar s ? s : null;
    }
}
