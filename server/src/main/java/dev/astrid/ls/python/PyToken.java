package dev.astrid.ls.python;

/**
 * One token of Python source. Offsets are UTF-16 indexes into the text, {@code start} inclusive
 * and {@code end} exclusive. {@code text} is the source text of names, numbers and operators;
 * strings carry their decoded form in {@code string} instead.
 */
public record PyToken(Kind kind, int start, int end, String text, PyString string) {
    public enum Kind { NAME, NUMBER, STRING, OP, NEWLINE, INDENT, DEDENT, ERROR, END }

    public boolean is(Kind k, String t) {
        return kind == k && t.equals(text);
    }

    public boolean isOp(String t) {
        // operator texts are interned, so identity answers almost always; a hot check
        return kind == Kind.OP && (t == text || (text.length() == t.length() && text.charAt(0) == t.charAt(0)
                && t.equals(text)));
    }

    public boolean isName(String t) {
        return kind == Kind.NAME && t.equals(text);
    }
}
