package dev.astrid.ls.python;

import java.util.List;

/**
 * A string literal. {@code value} is its content with escapes decoded (kept as written in raw
 * strings); in an f-string (or t-string) each replacement field stands as {@link #FIELD}, and the
 * field's expression is tokenized in {@code fields}, one token list per field, with offsets into
 * the same text. {@code terminated} is false when the closing quote is missing.
 */
public record PyString(String prefix, boolean formatted, boolean triple, boolean terminated, String value,
        List<List<PyToken>> fields) {
    /** Stands for one replacement field in {@link #value} (U+FFFC, the object replacement character). */
    public static final char FIELD = '\uFFFC';
}
