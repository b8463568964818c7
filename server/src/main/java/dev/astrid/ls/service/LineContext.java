package dev.astrid.ls.service;

import dev.astrid.ls.text.TextDocument;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a position sits in block YAML, read from indentation alone, so that it works on a
 * half-typed line and in a document whose YAML does not parse. Flow and JSON text are handled
 * from the tree instead (see {@link CompletionService}).
 */
final class LineContext {
    /** A mapping key ({@code key}) or a sequence item ({@code key == null}) enclosing the position. */
    record Segment(String key, int line, int column) {
        boolean isItem() {
            return key == null;
        }
    }

    private static final Pattern KEY = Pattern.compile("([A-Za-z0-9_.$<-][^:#]*?|\"[^\"]*\"|'[^']*')\\s*:(\\s|$)");

    /** Ancestors of the position, outermost first. */
    final List<Segment> ancestors;
    /** Text of the line before the position. */
    final String before;
    /** The line's first content column; after a leading dash, the column of what follows it. */
    final int contentColumn;
    /** True when the line (before the position) starts with a sequence dash. */
    final boolean dashLine;
    final int dashColumn;

    private LineContext(List<Segment> ancestors, String before, int contentColumn, boolean dashLine, int dashColumn) {
        this.ancestors = ancestors;
        this.before = before;
        this.contentColumn = contentColumn;
        this.dashLine = dashLine;
        this.dashColumn = dashColumn;
    }

    static LineContext at(TextDocument doc, int line, int column) {
        String text = doc.lineText(line);
        String before = text.substring(0, Math.min(column, text.length()));
        int indent = indentOf(before);
        boolean dash = false;
        int dashCol = -1;
        int content = indent;
        if (indent < before.length() && before.charAt(indent) == '-'
                && (indent + 1 == before.length() || before.charAt(indent + 1) == ' ')) {
            dash = true;
            dashCol = indent;
            content = indent + 1 + indentOf(before.substring(indent + 1));
        }
        if (before.isBlank()) {
            content = before.length();
        }

        List<Segment> out = new ArrayList<>();
        int needKey = content;
        int needDash = content;
        if (dash) {
            out.add(new Segment(null, line, dashCol));
            needKey = dashCol + 1;
            needDash = dashCol;
        }
        for (int l = line - 1; l >= 0 && (needKey > 0 || needDash > 0); l--) {
            String prev = doc.lineText(l);
            int pc = indentOf(prev);
            if (pc >= prev.length() || prev.charAt(pc) == '#') {
                continue;
            }
            boolean prevDash = prev.charAt(pc) == '-' && (pc + 1 == prev.length() || prev.charAt(pc + 1) == ' ');
            if (prevDash) {
                int inner = pc + 1 + indentOf(prev.substring(pc + 1));
                String innerKey = keyAt(prev, inner);
                if (innerKey != null && inner < needKey && inner < prev.length()) {
                    out.add(new Segment(innerKey, l, inner));
                }
                if (pc < needDash) {
                    out.add(new Segment(null, l, pc));
                    needKey = pc + 1;
                    needDash = pc;
                }
            } else if (pc < needKey) {
                String key = keyAt(prev, pc);
                if (key != null) {
                    out.add(new Segment(key, l, pc));
                    needKey = pc;
                    needDash = pc;
                }
            }
        }
        Collections.reverse(out);
        return new LineContext(out, before, content, dash, dashCol);
    }

    /** The key starting at the column, unquoted, or null when the text there is not {@code key:}. */
    static String keyAt(String line, int column) {
        if (column >= line.length()) {
            return null;
        }
        Matcher m = KEY.matcher(line);
        m.region(column, line.length());
        if (!m.lookingAt()) {
            return null;
        }
        String key = m.group(1).trim();
        if ((key.startsWith("\"") || key.startsWith("'")) && key.length() >= 2) {
            key = key.substring(1, key.length() - 1);
        }
        return key;
    }

    static int indentOf(String s) {
        int i = 0;
        while (i < s.length() && s.charAt(i) == ' ') {
            i++;
        }
        return i;
    }

    /** The keys of the ancestors, items as null, outermost first. */
    List<String> keyPath() {
        return ancestors.stream().map(Segment::key).toList();
    }
}
