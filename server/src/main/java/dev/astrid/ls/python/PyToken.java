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
        return kind == Kind.OP && (t == text || t.equals(text)); // operator texts are interned: identity, mostly
    }

    /** A one-character operator's character; 0 for any other token (a cheaper test in hot loops). */
    public char op() {
        return kind == Kind.OP && text.length() == 1 ? text.charAt(0) : 0;
    }

    public boolean isName(String t) {
        return kind == Kind.NAME && t.equals(text);
    }
}
