package dev.astrid.ls.yaml;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * The tree for a text that differs from a parsed one only inside one single-line scalar, as typing
 * in a {@code reason} does, built from the old tree without scanning the text again: the scalar
 * gets its new value and every node after it moves by the change in length. Taken only when the
 * scanner could not read the new text any other way (no indicator, comment, quote, escape, tab or
 * line break typed, the scalar's first character kept, not in flow context); anything else is left
 * to the full parse. {@code ScalarEditTest} compares the two on thousands of random edits.
 */
final class ScalarEdit {
    private ScalarEdit() {}

    /** The tree of {@code text}, or null when it needs a full parse. */
    static YamlDocument apply(YamlDocument old, String oldText, String text) {
        if (old.skipped() != null || !old.errors().isEmpty() || !old.extraDocuments().isEmpty() || old.hasAliases()
                || old.root() == null) {
            return null;
        }
        int min = Math.min(oldText.length(), text.length());
        int from = 0;
        while (from < min && oldText.charAt(from) == text.charAt(from)) {
            from++;
        }
        if (from == oldText.length() && from == text.length()) {
            return old; // the same text; a finished tree is never changed, so it can be shared
        }
        int suffix = 0;
        while (suffix < min - from && oldText.charAt(oldText.length() - 1 - suffix) == text.charAt(text.length() - 1 - suffix)) {
            suffix++;
        }
        int oldTo = oldText.length() - suffix;
        int delta = text.length() - oldText.length();
        if (!(old.nodeAt(from) instanceof YamlScalar s) || s.tag() != null || !editable(s, oldText)) {
            return null;
        }
        int end = s.end() + delta;
        boolean quoted = s.style() != YamlScalar.Style.PLAIN;
        // the first character (and a plain "-", "?" or ":" with the one after it) decides what the scalar is
        int keep = quoted || "-?:".indexOf(oldText.charAt(s.start())) < 0 ? 1 : 2;
        if (from < s.start() + keep || oldTo > s.end() - (quoted ? 1 : 0) || end > text.length()) {
            return null;
        }
        String value = quoted ? quotedValue(text, s.start(), end, s.style()) : plainValue(text, s.start(), end);
        if (value == null) {
            return null;
        }
        int newEnd = quoted ? end : s.start() + value.length(); // a plain scalar's trailing spaces are not its own
        return new YamlDocument(copy(old.root(), s, newEnd, value, delta), List.of(), List.of(), null, 0, false);
    }

    /** A single-line scalar in block context, not a key, whose text is what the tree says it is. */
    private static boolean editable(YamlScalar s, String text) {
        if (s.start() == 0 || text.charAt(s.start() - 1) == '\n' || text.charAt(s.start() - 1) == '\r') {
            return false; // at the start of a line, "---" or "..." would be a document marker
        }
        YamlNode parent = s.parent();
        if (parent == null || parent instanceof YamlMapping m && m.entryOf(s) != null && m.entryOf(s).key() == s) {
            return false;
        }
        for (YamlNode p = parent; p != null; p = p.parent()) {
            if (p instanceof YamlMapping m ? m.isFlow() : ((YamlSequence) p).isFlow()) {
                return false;
            }
        }
        String value = s.style() == YamlScalar.Style.PLAIN ? plainValue(text, s.start(), s.end())
                : s.style() == YamlScalar.Style.LITERAL || s.style() == YamlScalar.Style.FOLDED ? null
                : quotedValue(text, s.start(), s.end(), s.style());
        return s.value().equals(value);
    }

    /** The value of a one-line plain scalar spanning the text from {@code start} to {@code end} (trailing spaces trimmed), or null. */
    private static String plainValue(String text, int start, int end) {
        int last = end;
        while (last > start && text.charAt(last - 1) == ' ') {
            last--;
        }
        for (int i = start; i < last; i++) {
            char c = text.charAt(i);
            if (!allowed(text, i) || c == '\t' || c == ':' && (i + 1 == last || text.charAt(i + 1) == ' ')
                    || c == '#' && i > start && text.charAt(i - 1) == ' ') {
                return null;
            }
        }
        return last == start ? null : text.substring(start, last);
    }

    /** The value of a one-line quoted scalar without escapes, quotes included in the span, or null. */
    private static String quotedValue(String text, int start, int end, YamlScalar.Style style) {
        char quote = style == YamlScalar.Style.SINGLE_QUOTED ? '\'' : '"';
        if (end - start < 2 || text.charAt(start) != quote || text.charAt(end - 1) != quote) {
            return null;
        }
        StringBuilder value = new StringBuilder(end - start);
        for (int i = start + 1; i < end - 1; i++) {
            char c = text.charAt(i);
            if (!allowed(text, i) || c == '\t' || c == '\\' && quote == '"') {
                return null;
            }
            if (c == quote) {
                if (quote == '"' || i + 1 >= end - 1 || text.charAt(i + 1) != '\'') {
                    return null;
                }
                i++; // '' is one quote
            }
            value.append(c);
        }
        return value.toString();
    }

    /** A character the YAML reader takes inside a line, and not one that some YAML version reads as a line break. */
    private static boolean allowed(String text, int i) {
        char c = text.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1));
        }
        if (Character.isLowSurrogate(c)) {
            return i > 0 && Character.isHighSurrogate(text.charAt(i - 1));
        }
        return c >= 0x20 && c < 0x7F || c >= 0xA0 && c != 0x2028 && c != 0x2029 && c != 0xFEFF && c < 0xFFFE;
    }

    /** A copy of the tree with the scalar's new value and end, and every later offset moved by {@code delta}. */
    private static YamlNode copy(YamlNode root, YamlScalar edited, int newEnd, String value, int delta) {
        Shift shift = new Shift(edited, newEnd, value, delta);
        YamlNode top = shift.node(root);
        Deque<YamlNode[]> work = new ArrayDeque<>(); // old node and its copy: no recursion on deep trees
        work.push(new YamlNode[] {root, top});
        while (!work.isEmpty()) {
            YamlNode[] pair = work.pop();
            if (pair[0] instanceof YamlMapping m) {
                for (YamlMapping.Entry e : m.entries()) {
                    YamlNode k = shift.node(e.key());
                    YamlNode v = shift.node(e.value());
                    k.setParent(pair[1]);
                    v.setParent(pair[1]);
                    ((YamlMapping) pair[1]).add(new YamlMapping.Entry(k, v));
                    work.push(new YamlNode[] {e.key(), k});
                    work.push(new YamlNode[] {e.value(), v});
                }
            } else if (pair[0] instanceof YamlSequence seq) {
                for (YamlNode item : seq.items()) {
                    YamlNode c = shift.node(item);
                    c.setParent(pair[1]);
                    ((YamlSequence) pair[1]).add(c);
                    work.push(new YamlNode[] {item, c});
                }
            }
        }
        return top;
    }

    private record Shift(YamlScalar edited, int newEnd, String value, int delta) {
        /** One node without its children: nodes before the edit keep their offsets, nodes after it move, ancestors stretch. */
        YamlNode node(YamlNode n) {
            int start = n.start() <= edited.start() ? n.start() : n.start() + delta;
            int end = n.end() < edited.end() ? n.end() : n.end() == edited.end() ? newEnd : n.end() + delta;
            if (n instanceof YamlScalar s) {
                return new YamlScalar(start, end, s.tag(), s == edited ? value : s.value(), s.style());
            }
            if (n instanceof YamlMapping m) {
                return new YamlMapping(start, end, m.tag(), m.isFlow());
            }
            if (n instanceof YamlSequence q) {
                return new YamlSequence(start, end, q.tag(), q.isFlow());
            }
            throw new IllegalStateException("a tree with aliases is parsed in full");
        }
    }
}
