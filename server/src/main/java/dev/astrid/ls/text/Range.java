package dev.astrid.ls.text;

/** A half-open span between two positions. */
public record Range(Position start, Position end) {
    public static Range of(int startLine, int startChar, int endLine, int endChar) {
        return new Range(new Position(startLine, startChar), new Position(endLine, endChar));
    }
}
