package dev.astrid.ls.text;

import java.util.Arrays;

/**
 * An immutable snapshot of a document's text with a line index. Offsets are Java string indexes,
 * which are UTF-16 code units, so they convert to LSP positions without any re-encoding.
 */
public final class TextDocument {
    private final String uri;
    private final int version;
    private final String text;
    private final int[] lineStarts;

    public TextDocument(String uri, int version, String text) {
        this.uri = uri;
        this.version = version;
        this.text = text;
        this.lineStarts = computeLineStarts(text);
    }

    public String uri() {
        return uri;
    }

    public int version() {
        return version;
    }

    public String text() {
        return text;
    }

    public int lineCount() {
        return lineStarts.length;
    }

    /** Line terminators are \n, \r\n and a lone \r, as in LSP. */
    private static int[] computeLineStarts(String text) {
        int[] starts = new int[16];
        int n = 1;
        boolean cr = text.indexOf('\r') >= 0;
        for (int i = nextBreak(text, 0, cr); i >= 0; i = nextBreak(text, i + 1, cr)) {
            if (text.charAt(i) == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                i++;
            }
            if (n == starts.length) {
                starts = Arrays.copyOf(starts, n * 2);
            }
            starts[n++] = i + 1;
        }
        return Arrays.copyOf(starts, n);
    }

    /** The next \n or \r from {@code from}; by indexOf when there is no \r (several times faster, on every keystroke). */
    private static int nextBreak(String text, int from, boolean cr) {
        if (!cr) {
            return text.indexOf('\n', from);
        }
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\r' || c == '\n') {
                return i;
            }
        }
        return -1;
    }

    public int lineStart(int line) {
        return lineStarts[Math.max(0, Math.min(line, lineStarts.length - 1))];
    }

    /** End of the line's content, before its terminator. */
    public int lineEnd(int line) {
        if (line + 1 >= lineStarts.length) {
            return text.length();
        }
        int end = lineStarts[line + 1];
        while (end > lineStarts[line] && (text.charAt(end - 1) == '\n' || text.charAt(end - 1) == '\r')) {
            end--;
        }
        return end;
    }

    public String lineText(int line) {
        return text.substring(lineStart(line), lineEnd(line));
    }

    public Position positionAt(int offset) {
        int clamped = Math.max(0, Math.min(offset, text.length()));
        int idx = Arrays.binarySearch(lineStarts, clamped);
        int line = idx >= 0 ? idx : -idx - 2;
        return new Position(line, clamped - lineStarts[line]);
    }

    /** Positions past the end of a line or of the document are clamped, as LSP requires. */
    public int offsetAt(Position p) {
        if (p.line() < 0) {
            return 0;
        }
        if (p.line() >= lineStarts.length) {
            return text.length();
        }
        return Math.min(lineStart(p.line()) + Math.max(0, p.character()), lineEnd(p.line()));
    }

    public Range rangeOf(int start, int end) {
        return new Range(positionAt(start), positionAt(end));
    }

    /** Applies one incremental change; a null range replaces the whole text. */
    public TextDocument apply(Range range, String newText, int newVersion) {
        if (range == null) {
            return new TextDocument(uri, newVersion, newText);
        }
        int start = offsetAt(range.start());
        int end = Math.max(start, offsetAt(range.end()));
        return new TextDocument(uri, newVersion, text.substring(0, start) + newText + text.substring(end));
    }
}
