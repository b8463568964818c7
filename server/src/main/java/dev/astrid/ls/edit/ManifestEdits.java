package dev.astrid.ls.edit;

import dev.astrid.ls.model.Manifest;
import dev.astrid.ls.text.TextDocument;
import dev.astrid.ls.yaml.YamlMapping;
import dev.astrid.ls.yaml.YamlNode;
import dev.astrid.ls.yaml.YamlScalar;
import dev.astrid.ls.yaml.YamlSequence;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Minimal text edits to manifests, for quick fixes. They keep the user's layout: indentation is
 * taken from the surrounding entries, JSON text gets JSON (commas included, so it stays valid),
 * flow collections stay flow, the document's line ending is used for every inserted line, and
 * nothing outside the edited span is rewritten, so comments and quoting survive.
 */
public final class ManifestEdits {
    private static final Pattern PLAIN_SAFE = Pattern.compile("[A-Za-z0-9_./@(][^:#\\n]*(?<![\\s])");

    /** A value to write, formatted for the target's style. */
    public sealed interface Value permits Text, Flag, Texts, Raw {}

    public record Text(String value) implements Value {}

    public record Flag(boolean value) implements Value {}

    public record Texts(List<String> values) implements Value {}

    /** Text written as it is: a snippet, or a value already formatted for the target. */
    public record Raw(String text) implements Value {}

    public record Field(String key, Value value) {}

    private ManifestEdits() {}

    /** JSON text (a flow mapping root opening the file) gets JSON in its edits. */
    public static boolean isJson(Manifest m) {
        return m.root() != null && m.root().isFlow() && m.document().text().stripLeading().startsWith("{");
    }

    /** The document's line ending (that of its first line), for every line an edit inserts. */
    public static String newline(Manifest m) {
        String text = m.document().text();
        int lf = text.indexOf('\n');
        if (lf > 0 && text.charAt(lf - 1) == '\r') {
            return "\r\n";
        }
        return lf < 0 && text.indexOf('\r') >= 0 ? "\r" : "\n";
    }

    /** A scalar in the target's style: a JSON string, or plain YAML when that reads back the same. */
    public static String scalar(Manifest m, String value) {
        if (!isJson(m) && PLAIN_SAFE.matcher(value).matches() && !value.contains(": ") && !value.contains(" #")
                && !value.matches("(?i)true|false|yes|no|on|off|y|n|null|~|[-+0-9.][0-9._:eE+-]*")) {
            return value;
        }
        return quoted(value);
    }

    /** A double-quoted string, valid in JSON and in YAML. */
    public static String quoted(String value) {
        StringBuilder sb = new StringBuilder("\"");
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }

    public static String format(Manifest m, Value v) {
        if (v instanceof Text t) {
            return scalar(m, t.value());
        }
        if (v instanceof Flag f) {
            return String.valueOf(f.value());
        }
        if (v instanceof Raw r) {
            return r.text();
        }
        return ((Texts) v).values().stream().map(s -> scalar(m, s)).collect(Collectors.joining(", ", "[", "]"));
    }

    /** An edit whose inserted lines end like the document's own. */
    public static Edit edit(Manifest m, int start, int end, String text) {
        String nl = newline(m);
        return new Edit(m.document().uri(), start, end, nl.equals("\n") ? text : text.replace("\n", nl));
    }

    public static Edit replace(Manifest m, YamlNode node, String text) {
        return edit(m, node.start(), node.end(), text);
    }

    /** Replaces the value of an entry, from just after its colon, so a block value becomes {@code key: text}. */
    public static Edit replaceValue(Manifest m, YamlMapping.Entry e, String text) {
        int colon = m.document().text().indexOf(':', e.key().end());
        int start = colon < 0 || colon > Math.max(e.value().start(), e.key().end()) ? e.key().end() : colon + 1;
        int end = e.value().end();
        while (end > start && Character.isWhitespace(m.document().text().charAt(end - 1))) {
            end--; // a block value's span takes the line breaks after it: keep them
        }
        return edit(m, start, Math.max(start, end), " " + text);
    }

    /** A line inserted above the given line, with that line's indentation (a YAML comment, say). */
    public static Edit lineAbove(Manifest m, int line, String text) {
        TextDocument doc = m.document();
        String current = doc.lineText(line);
        String indent = current.substring(0, current.length() - current.stripLeading().length());
        return edit(m, doc.lineStart(line), doc.lineStart(line), indent + text + "\n");
    }

    /** Removes a sequence item: its whole lines in block style; the item and one comma in flow style and JSON. */
    public static Edit deleteItem(Manifest m, YamlSequence seq, YamlNode item) {
        if (seq.isFlow()) {
            List<YamlNode> items = seq.items();
            int i = items.indexOf(item);
            return flowDelete(m, item.start(), item.end(), i > 0 ? items.get(i - 1).end() : -1,
                    i + 1 < items.size() ? items.get(i + 1).start() : -1);
        }
        return deleteLines(m, item.start(), item);
    }

    /** Removes a mapping entry: its whole lines in block style; the entry and one comma in flow style and JSON. */
    public static Edit deleteEntry(Manifest m, YamlMapping map, YamlMapping.Entry entry) {
        if (map.isFlow()) {
            List<YamlMapping.Entry> entries = map.entries();
            int i = entries.indexOf(entry);
            return flowDelete(m, entry.key().start(), Math.max(entry.key().end(), entry.value().end()),
                    i > 0 ? entries.get(i - 1).value().end() : -1,
                    i + 1 < entries.size() ? entries.get(i + 1).key().start() : -1);
        }
        YamlNode last = entry.value().end() > entry.key().end() ? entry.value() : entry.key();
        TextDocument doc = m.document();
        int line = doc.positionAt(entry.key().start()).line();
        if (!doc.text().substring(doc.lineStart(line), entry.key().start()).isBlank()) {
            // `- key: …` (the first key of an item): keep the dash and what precedes the key
            return edit(m, entry.key().start(), doc.lineEnd(lastLine(doc, last)), "");
        }
        return deleteLines(m, entry.key().start(), last);
    }

    /** In flow text: the span and the comma before it, else the comma after it, else the span alone. */
    private static Edit flowDelete(Manifest m, int start, int end, int previousEnd, int nextStart) {
        if (nextStart >= 0) {
            return edit(m, start, nextStart, "");
        }
        if (previousEnd >= 0) {
            return edit(m, previousEnd, end, "");
        }
        return edit(m, start, end, "");
    }

    private static Edit deleteLines(Manifest m, int from, YamlNode last) {
        TextDocument doc = m.document();
        int first = doc.positionAt(from).line();
        int lastLine = lastLine(doc, last);
        int end = lastLine + 1 < doc.lineCount() ? doc.lineStart(lastLine + 1) : doc.text().length();
        return edit(m, doc.lineStart(first), end, "");
    }

    /** Adds {@code key: value} as the last entry of a mapping. */
    public static Edit addEntry(Manifest m, YamlMapping map, String key, Value value) {
        return addEntries(m, map, List.of(new Field(key, value)));
    }

    /** Adds entries, in order, after the last entry of a mapping, as one edit. */
    public static Edit addEntries(Manifest m, YamlMapping map, List<Field> fields) {
        List<YamlMapping.Entry> entries = map.entries();
        return insertEntries(m, map, entries.isEmpty() ? null : entries.get(entries.size() - 1), fields);
    }

    /** Adds {@code key: value} to a mapping right after {@code after}, or first when it is null. */
    public static Edit insertEntry(Manifest m, YamlMapping map, YamlMapping.Entry after, String key, Value value) {
        return insertEntries(m, map, after, List.of(new Field(key, value)));
    }

    private static Edit insertEntries(Manifest m, YamlMapping map, YamlMapping.Entry after, List<Field> fields) {
        TextDocument doc = m.document();
        boolean json = isJson(m);
        List<String> entries = fields.stream()
                .map(f -> (json ? quoted(f.key()) : f.key()) + ": " + format(m, f.value())).toList();
        if (map.isFlow()) {
            String joined = String.join(", ", entries);
            if (after != null) {
                return edit(m, after.value().end(), after.value().end(), ", " + joined);
            }
            int open = map.start() + 1;
            return edit(m, open, open, joined + (map.entries().isEmpty() ? "" : ", "));
        }
        if (map.entries().isEmpty()) {
            int at = doc.text().length();
            return edit(m, at, at, (at == 0 || doc.text().endsWith("\n") ? "" : "\n") + String.join("\n", entries) + "\n");
        }
        int column = column(doc, map.entries().get(0).key().start());
        String lines = entries.stream().map(e -> indent(column) + e).collect(Collectors.joining("\n"));
        if (after == null) {
            YamlNode first = map.entries().get(0).key();
            int line = doc.positionAt(first.start()).line();
            if (!doc.text().substring(doc.lineStart(line), first.start()).isBlank()) {
                return edit(m, first.start(), first.start(), lines.substring(column) + "\n" + indent(column));
            }
            return edit(m, doc.lineStart(line), doc.lineStart(line), lines + "\n");
        }
        YamlNode last = after.value().end() > after.key().end() ? after.value() : after.key();
        int at = doc.lineEnd(lastLine(doc, last));
        return edit(m, at, at, "\n" + lines);
    }

    /**
     * Joins insertions at the same offset of the same document into one edit, in list order, so
     * that every client and test applies them in the intended order.
     */
    public static List<Edit> combine(List<Edit> edits) {
        List<Edit> out = new ArrayList<>();
        for (Edit e : edits) {
            int i = -1;
            for (int j = 0; j < out.size() && e.start() == e.end(); j++) {
                Edit o = out.get(j);
                if (o.uri().equals(e.uri()) && o.start() == e.start() && o.end() == e.end()) {
                    i = j;
                }
            }
            if (i >= 0) {
                Edit o = out.get(i);
                out.set(i, new Edit(o.uri(), o.start(), o.end(), o.newText() + e.newText()));
            } else {
                out.add(e);
            }
        }
        return out;
    }

    /** Adds values at the end of a sequence (a block list gets one item per line). */
    public static Edit appendToList(Manifest m, YamlSequence seq, List<String> values) {
        TextDocument doc = m.document();
        List<String> formatted = values.stream().map(v -> scalar(m, v)).toList();
        if (seq.isFlow() || seq.items().isEmpty()) {
            int at = seq.items().isEmpty() ? seq.start() + 1 : seq.items().get(seq.items().size() - 1).end();
            return edit(m, at, at, (seq.items().isEmpty() ? "" : ", ") + String.join(", ", formatted));
        }
        int dash = dashColumn(doc, seq.items().get(0));
        int at = doc.lineEnd(lastLine(doc, seq.items().get(seq.items().size() - 1)));
        return edit(m, at, at, formatted.stream().map(v -> "\n" + indent(dash) + "- " + v).collect(Collectors.joining()));
    }

    /**
     * Appends mapping items to the top-level sequence {@code key}, creating the key, or turning
     * {@code []} or a null into a list, as needed. In block YAML each item is written as block
     * lines; in JSON text and flow lists as a flow mapping.
     */
    public static Edit appendItems(Manifest m, String key, List<List<Field>> items) {
        boolean json = isJson(m);
        List<String> flow = items.stream().map(fields -> fields.stream()
                .map(f -> (json ? quoted(f.key()) : f.key()) + ": " + format(m, f.value()))
                .collect(Collectors.joining(", ", "{", "}"))).toList();
        List<List<String>> blocks = items.stream().map(fields -> {
            List<String> lines = new ArrayList<>();
            for (Field f : fields) {
                lines.add((lines.isEmpty() ? "- " : "  ") + f.key() + ": " + format(m, f.value()));
            }
            return lines;
        }).toList();
        return appendRendered(m, key, flow, blocks);
    }

    /**
     * Appends items given as block YAML lines (the dash of each item's first line at column 0),
     * re-indented to the target list: used to copy items verbatim, comments and quoting included.
     * Only for block YAML targets; {@code flow} is each item as a flow mapping, used otherwise.
     */
    public static Edit appendRendered(Manifest m, String key, List<String> flow, List<List<String>> blocks) {
        TextDocument doc = m.document();
        YamlMapping root = m.root();
        YamlMapping.Entry entry = root == null ? null : root.entry(key);
        boolean json = isJson(m);
        if (entry != null && entry.value() instanceof YamlSequence seq && (seq.isFlow() || json)
                && !seq.items().isEmpty()) {
            int at = seq.items().get(seq.items().size() - 1).end();
            return edit(m, at, at, ", " + String.join(", ", flow));
        }
        if (json || (root != null && root.isFlow())) {
            String list = "[" + String.join(", ", flow) + "]";
            if (entry != null) {
                return replace(m, entry.value().end() > entry.value().start() ? entry.value() : entry.key(),
                        entry.value().end() > entry.value().start() ? list : (json ? quoted(key) : key) + ": " + list);
            }
            return root == null ? edit(m, doc.text().length(), doc.text().length(), "{" + quoted(key) + ": " + list + "}")
                    : insertRaw(m, root, (json ? quoted(key) : key) + ": " + list);
        }
        if (entry != null && entry.value() instanceof YamlSequence seq && !seq.items().isEmpty()) {
            YamlNode first = seq.items().get(0);
            int dash = dashColumn(doc, first);
            int at = doc.lineEnd(lastLine(doc, seq.items().get(seq.items().size() - 1)));
            return edit(m, at, at, "\n" + indented(blocks, dash));
        }
        if (entry != null) {
            // `key:`, `key: ~` or `key: []`: the value becomes a block list under the key
            int keyColumn = column(doc, entry.key().start());
            int colon = doc.text().indexOf(':', entry.key().end());
            int start = colon < 0 ? entry.key().end() : colon + 1;
            int end = Math.max(start, entry.value().end());
            return edit(m, start, end, "\n" + indented(blocks, keyColumn + 2));
        }
        String text = doc.text();
        String lead = text.isEmpty() || text.endsWith("\n") || text.endsWith("\r") ? "" : "\n";
        return edit(m, text.length(), text.length(), lead + key + ":\n" + indented(blocks, 2) + "\n");
    }

    /** An entry's source text added last to a flow mapping. */
    private static Edit insertRaw(Manifest m, YamlMapping map, String entry) {
        List<YamlMapping.Entry> entries = map.entries();
        if (entries.isEmpty()) {
            return edit(m, map.start() + 1, map.start() + 1, entry);
        }
        int at = entries.get(entries.size() - 1).value().end();
        return edit(m, at, at, ", " + entry);
    }

    private static String indented(List<List<String>> blocks, int column) {
        return blocks.stream().flatMap(List::stream).map(line -> line.isEmpty() ? line : indent(column) + line)
                .collect(Collectors.joining("\n"));
    }

    public static String indent(int n) {
        return " ".repeat(Math.max(0, n));
    }

    /** The line of the last character of a node (block scalars may end after their newline). */
    public static int lastLine(TextDocument doc, YamlNode node) {
        int end = node.end();
        String text = doc.text();
        while (end > node.start() && Character.isWhitespace(text.charAt(end - 1))) {
            end--;
        }
        return doc.positionAt(Math.max(node.start(), end - 1)).line();
    }

    public static int column(TextDocument doc, int offset) {
        return doc.positionAt(offset).character();
    }

    /** The column of the dash of a block sequence item (its line's indentation). */
    public static int dashColumn(TextDocument doc, YamlNode item) {
        String line = doc.lineText(doc.positionAt(item.start()).line());
        int indent = line.length() - line.stripLeading().length();
        return line.startsWith("-", indent) ? indent : Math.max(0, column(doc, item.start()) - 2);
    }

    /** The mapping of a sequence item that holds the node, climbing from it. */
    public static YamlMapping itemOf(YamlNode node, YamlSequence list) {
        for (YamlNode n = node; n != null; n = n.parent()) {
            if (n.parent() == list && n instanceof YamlMapping map) {
                return map;
            }
        }
        return null;
    }

    public static YamlScalar scalarAt(Manifest m, int offset) {
        return m.yaml().nodeAt(offset) instanceof YamlScalar s ? s : null;
    }
}
