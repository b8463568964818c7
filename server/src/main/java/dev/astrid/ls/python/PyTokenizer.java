package dev.astrid.ls.python;

import dev.astrid.ls.python.PyToken.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A tolerant Python tokenizer in the shape of CPython's: names, numbers, strings, operators,
 * NEWLINE at the end of each logical line, INDENT and DEDENT. It never throws and never gives up:
 * an unterminated string ends at its line's end (triple-quoted: at the end of the text), an
 * unclosed bracket is closed again where a line starts a new statement ({@code def},
 * {@code import}, {@code return}…) at or left of the bracket's own line, and a stray character
 * becomes an ERROR token. Every such repair is recorded in {@link Result#errors()}.
 *
 * <p>String contents are data, never code; only the replacement fields of f-strings (and
 * t-strings), which Python evaluates, are tokenized, with their offsets in the same text.
 */
public final class PyTokenizer {
    /** The tokens (ending with END) and the offsets where the text is not valid Python. */
    public record Result(List<PyToken> tokens, List<Integer> errors) {}

    /** Deeper f-string nesting than this is read as plain text (CPython itself allows far less). */
    static final int MAX_NESTING = 32;
    /** Words that only ever start a statement: one at or left of an open bracket's line closes it. */
    private static final Set<String> STATEMENT_WORDS = Set.of("def", "class", "import", "from", "return", "try",
            "while", "with", "raise", "pass", "del", "assert", "global", "nonlocal", "break", "continue", "elif",
            "except", "finally", "async");
    /** Statement words that also occur inside expressions (comprehensions, conditionals): only strictly left. */
    private static final Set<String> EXPRESSION_WORDS = Set.of("if", "for", "else");
    private static final String OPS1 = "()[]{}:,;.+-*/%&|^~<>=@!";
    /** The one-character operators, and the augmented assignments {@code +=}…, as strings by first character. */
    private static final String[] SINGLE = new String[128];
    private static final String[] ASSIGN = new String[128];

    static {
        for (char c : OPS1.toCharArray()) {
            SINGLE[c] = String.valueOf(c).intern();
            ASSIGN[c] = (c + "=").intern();
        }
    }

    private final String text;
    /** The text's characters: indexing an array is cheaper than {@code String.charAt} in the hot loops. */
    private final char[] cs;
    private final int n;
    private int pos;
    private final List<Integer> errors = new ArrayList<>();

    private PyTokenizer(String text) {
        this.text = text;
        this.cs = text.toCharArray();
        this.n = text.length();
    }

    public static Result tokenize(String text) {
        PyTokenizer t = new PyTokenizer(text);
        List<PyToken> tokens = t.file();
        return new Result(tokens, List.copyOf(t.errors));
    }

    // ---- logical lines and indentation ----------------------------------------------------

    private List<PyToken> file() {
        List<PyToken> out = new ArrayList<>(n / 3 + 16);
        int[] indents = new int[16];
        int depth = 0; // indents[0..depth] are the open indentation levels
        Brackets brackets = new Brackets();
        boolean lineStart = true;
        boolean lineHasTokens = false;
        int lineIndent = 0;
        while (true) {
            if (lineStart) {
                int col = 0;
                int j = pos;
                for (; j < n; j++) {
                    char c = cs[j];
                    if (c == ' ') {
                        col++;
                    } else if (c == '\t') {
                        col = (col / 8 + 1) * 8;
                    } else if (c == '\f') {
                        col = 0;
                    } else {
                        break;
                    }
                }
                if (j >= n) {
                    pos = n;
                    break;
                }
                char c = cs[j];
                if (c == '#' || c == '\n' || c == '\r') { // blank or comment-only line
                    pos = afterLine(j);
                    continue;
                }
                if (brackets.size > 0) {
                    if (!startsStatement(j, col, brackets.indent[0])) {
                        pos = j;
                        lineStart = false;
                        continue;
                    }
                    errors.add(brackets.offset[0]);
                    brackets.size = 0;
                    java.util.Arrays.fill(open, 0);
                    if (lineHasTokens) {
                        out.add(new PyToken(Kind.NEWLINE, j, j, null, null));
                        lineHasTokens = false;
                    }
                }
                pos = j;
                if (col > indents[depth]) {
                    if (++depth == indents.length) {
                        indents = java.util.Arrays.copyOf(indents, depth * 2);
                    }
                    indents[depth] = col;
                    out.add(new PyToken(Kind.INDENT, j, j, null, null));
                } else {
                    while (col < indents[depth]) {
                        depth--;
                        out.add(new PyToken(Kind.DEDENT, j, j, null, null));
                    }
                    if (col > indents[depth]) { // dedent to a level never opened: keep going at it
                        errors.add(j);
                        indents[++depth] = col;
                        out.add(new PyToken(Kind.INDENT, j, j, null, null));
                    }
                }
                lineIndent = col;
                lineStart = false;
            }
            if (pos >= n) {
                break;
            }
            char c = cs[pos];
            if (c == ' ' || c == '\t' || c == '\f') {
                int p = pos + 1;
                while (p < n && cs[p] == ' ') {
                    p++;
                }
                pos = p;
            } else if (c == '#') {
                pos = lineEnd(pos);
            } else if (c == '\n' || c == '\r') {
                int end = afterNewline(pos);
                if (brackets.size == 0 && lineHasTokens) {
                    out.add(new PyToken(Kind.NEWLINE, pos, end, null, null));
                    lineHasTokens = false;
                }
                pos = end;
                lineStart = true;
            } else if (c == '\\' && pos + 1 < n && (cs[pos + 1] == '\n' || cs[pos + 1] == '\r')) {
                pos = afterNewline(pos + 1); // explicit line joining
            } else {
                PyToken t = atom(c, 0);
                out.add(t);
                lineHasTokens = true;
                if (t.op() != 0) {
                    bracket(t, brackets, lineIndent);
                }
            }
        }
        if (brackets.size > 0) {
            errors.add(brackets.offset[0]);
        }
        if (lineHasTokens) {
            out.add(new PyToken(Kind.NEWLINE, n, n, null, null));
        }
        for (; depth > 0; depth--) {
            out.add(new PyToken(Kind.DEDENT, n, n, null, null));
        }
        out.add(new PyToken(Kind.END, n, n, null, null));
        return out;
    }

    /** Open brackets of each kind, so a closer with no opener is found without a search. */
    private final int[] open = new int[3];

    /** The open brackets, innermost last: their kind (0 '(', 1 '[', 2 '{'), offset and line's indentation. */
    private static final class Brackets {
        int size;
        int[] kind = new int[16];
        int[] offset = new int[16];
        int[] indent = new int[16];

        void push(int k, int at, int lineIndent) {
            if (size == kind.length) {
                kind = java.util.Arrays.copyOf(kind, size * 2);
                offset = java.util.Arrays.copyOf(offset, size * 2);
                indent = java.util.Arrays.copyOf(indent, size * 2);
            }
            kind[size] = k;
            offset[size] = at;
            indent[size++] = lineIndent;
        }
    }

    private void bracket(PyToken t, Brackets brackets, int lineIndent) {
        int opening = switch (t.op()) {
            case '(' -> 0;
            case '[' -> 1;
            case '{' -> 2;
            default -> -1;
        };
        int kind = switch (t.op()) {
            case ')' -> 0;
            case ']' -> 1;
            case '}' -> 2;
            default -> -1;
        };
        if (opening >= 0) {
            brackets.push(opening, t.start(), lineIndent);
            open[opening]++;
        } else if (kind >= 0) {
            if (open[kind] == 0) {
                errors.add(t.start());
                return;
            }
            while (brackets.kind[brackets.size - 1] != kind) {
                open[brackets.kind[--brackets.size]]--;
                errors.add(brackets.offset[brackets.size]);
            }
            brackets.size--;
            open[kind]--;
        }
    }

    /** Whether the word at {@code j} starts a new statement, so a bracket left open above was a slip. */
    private boolean startsStatement(int j, int col, int openerIndent) {
        if (cs[j] == '@') {
            return col <= openerIndent && j + 1 < n && Character.isLetter(cs[j + 1]);
        }
        int e = j;
        while (e < n && e - j < 9 && Character.isLetter(cs[e])) {
            e++;
        }
        if (e < n && isIdentifierPart(Character.codePointAt(cs, e))) {
            return false;
        }
        String word = text.substring(j, e);
        return STATEMENT_WORDS.contains(word) ? col <= openerIndent : EXPRESSION_WORDS.contains(word) && col < openerIndent;
    }

    private int lineEnd(int i) {
        while (i < n && cs[i] != '\n' && cs[i] != '\r') {
            i++;
        }
        return i;
    }

    private int afterLine(int i) {
        int e = lineEnd(i);
        return e < n ? afterNewline(e) : n;
    }

    private int afterNewline(int i) {
        return cs[i] == '\r' && i + 1 < n && cs[i + 1] == '\n' ? i + 2 : i + 1;
    }

    // ---- single tokens --------------------------------------------------------------------

    /** Lexes the token that starts at {@code pos} with character {@code c}. */
    private PyToken atom(char c, int nesting) {
        int start = pos;
        if (c == '\'' || c == '"') {
            return string(start, "", nesting);
        }
        int cp = Character.codePointAt(cs, pos);
        if (isIdentifierStart(cp)) {
            int e = pos + Character.charCount(cp);
            while (e < n) {
                char d = cs[e];
                if (d < 128 ? isIdentifierPart(d) : isIdentifierPart(Character.codePointAt(cs, e))) {
                    e += d < 128 ? 1 : Character.charCount(Character.codePointAt(cs, e));
                } else {
                    break;
                }
            }
            String word = name(start, e);
            if (e < n && (cs[e] == '\'' || cs[e] == '"') && isPrefix(word)) {
                pos = e;
                return string(start, word, nesting);
            }
            pos = e;
            return new PyToken(Kind.NAME, start, e, word, null);
        }
        if ((c >= '0' && c <= '9') || (c == '.' && pos + 1 < n && Character.isDigit(cs[pos + 1]))) {
            return number(start);
        }
        String op = operator(c);
        if (op != null) {
            pos += op.length();
            return new PyToken(Kind.OP, start, pos, op, null);
        }
        pos += Character.charCount(cp);
        errors.add(start);
        return new PyToken(Kind.ERROR, start, pos, text.substring(start, pos), null);
    }

    /** The longest operator at {@code pos}, which starts with {@code c}, or null. */
    private String operator(char c) {
        if (c >= 128 || SINGLE[c] == null) {
            return null;
        }
        char d = pos + 1 < n ? cs[pos + 1] : 0;
        char e = pos + 2 < n ? cs[pos + 2] : 0;
        String two = switch (c) {
            case '=' -> d == '=' ? "==" : null;
            case '!' -> d == '=' ? "!=" : null;
            case '<' -> d == '=' ? "<=" : d == '<' ? (e == '=' ? "<<=" : "<<") : d == '>' ? "<>" : null;
            case '>' -> d == '=' ? ">=" : d == '>' ? (e == '=' ? ">>=" : ">>") : null;
            case '-' -> d == '>' ? "->" : d == '=' ? "-=" : null;
            case '*' -> d == '*' ? (e == '=' ? "**=" : "**") : d == '=' ? "*=" : null;
            case '/' -> d == '/' ? (e == '=' ? "//=" : "//") : d == '=' ? "/=" : null;
            case '.' -> d == '.' && e == '.' ? "..." : null;
            case ':' -> d == '=' ? ":=" : null;
            case '+', '%', '&', '|', '^', '@' -> d == '=' ? ASSIGN[c] : null;
            default -> null;
        };
        return two != null ? two : SINGLE[c];
    }

    private PyToken number(int start) {
        int e = pos;
        boolean decimal = !(text.startsWith("0x", e) || text.startsWith("0X", e) || text.startsWith("0b", e)
                || text.startsWith("0B", e) || text.startsWith("0o", e) || text.startsWith("0O", e));
        while (e < n) {
            char d = cs[e];
            if (Character.isLetterOrDigit(d) || d == '_' || d == '.') {
                e++;
            } else if ((d == '+' || d == '-') && decimal && (cs[e - 1] == 'e' || cs[e - 1] == 'E')) {
                e++;
            } else {
                break;
            }
        }
        pos = e;
        return new PyToken(Kind.NUMBER, start, e, text.substring(start, e), null);
    }

    /** Names seen so far, so each distinct name is one String (and hashes once) however often it occurs. */
    private String[] names = new String[1024];
    private char[][] nameChars = new char[1024][];
    private int nameCount;

    private String name(int start, int end) {
        int h = 0;
        for (int k = start; k < end; k++) {
            h = 31 * h + cs[k];
        }
        int mask = names.length - 1;
        for (int i = (h ^ (h >>> 16)) & mask; ; i = (i + 1) & mask) {
            char[] known = nameChars[i];
            if (known == null) {
                String s = new String(cs, start, end - start);
                names[i] = s;
                nameChars[i] = java.util.Arrays.copyOfRange(cs, start, end);
                if (++nameCount * 2 > names.length) {
                    rehash();
                }
                return s;
            }
            if (java.util.Arrays.equals(known, 0, known.length, cs, start, end)) {
                return names[i];
            }
        }
    }

    private void rehash() {
        String[] old = names;
        char[][] oldChars = nameChars;
        names = new String[old.length * 2];
        nameChars = new char[old.length * 2][];
        int mask = names.length - 1;
        for (int k = 0; k < old.length; k++) {
            if (old[k] != null) {
                int h = old[k].hashCode();
                int i = (h ^ (h >>> 16)) & mask;
                while (names[i] != null) {
                    i = (i + 1) & mask;
                }
                names[i] = old[k];
                nameChars[i] = oldChars[k];
            }
        }
    }

    private static boolean isPrefix(String word) {
        if (word.length() > 3) {
            return false;
        }
        for (int i = 0; i < word.length(); i++) {
            if ("rRbBuUfFtT".indexOf(word.charAt(i)) < 0) {
                return false;
            }
        }
        return true;
    }

    static boolean isIdentifierStart(int cp) {
        if (cp < 128) {
            return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || cp == '_';
        }
        return Character.isUnicodeIdentifierStart(cp);
    }

    static boolean isIdentifierPart(int cp) {
        if (cp < 128) {
            return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9') || cp == '_';
        }
        return Character.isUnicodeIdentifierPart(cp) && !Character.isIdentifierIgnorable(cp);
    }

    // ---- strings --------------------------------------------------------------------------

    /** A string whose prefix starts at {@code start} and whose opening quote is at {@code pos}. */
    private PyToken string(int start, String prefix, int nesting) {
        char quote = cs[pos];
        boolean triple = tripleAt(pos, quote);
        String lower = prefix.toLowerCase(java.util.Locale.ROOT);
        boolean raw = lower.indexOf('r') >= 0;
        boolean formatted = (lower.indexOf('f') >= 0 || lower.indexOf('t') >= 0) && nesting < MAX_NESTING;
        pos += triple ? 3 : 1;
        // the usual string, with no escape or field, is its source text: no builder needed
        int plain = pos;
        while (plain < n && cs[plain] != quote && cs[plain] != '\\' && cs[plain] != '\n' && cs[plain] != '\r'
                && !(formatted && (cs[plain] == '{' || cs[plain] == '}'))) {
            plain++;
        }
        if (plain < n && cs[plain] == quote && (!triple || tripleAt(plain, quote))) {
            String value = text.substring(pos, plain);
            pos = plain + (triple ? 3 : 1);
            return new PyToken(Kind.STRING, start, pos, null,
                    new PyString(prefix, formatted, triple, true, value, List.of()));
        }
        StringBuilder value = new StringBuilder();
        List<List<PyToken>> fields = formatted ? new ArrayList<>() : List.of();
        boolean terminated = false;
        while (pos < n) {
            char c = cs[pos];
            if (c == quote && (!triple || tripleAt(pos, quote))) {
                pos += triple ? 3 : 1;
                terminated = true;
                break;
            }
            if (!triple && (c == '\n' || c == '\r')) {
                break;
            }
            if (c == '\\' && pos + 1 < n) {
                escape(raw, value);
            } else if (formatted && (c == '{' || c == '}')) {
                if (pos + 1 < n && cs[pos + 1] == c) {
                    value.append(c);
                    pos += 2;
                } else if (c == '{') {
                    pos++;
                    field(quote, triple, fields, nesting + 1);
                    value.append(PyString.FIELD);
                } else {
                    errors.add(pos);
                    value.append(c);
                    pos++;
                }
            } else {
                value.append(c);
                pos++;
            }
        }
        if (!terminated) {
            errors.add(start);
        }
        return new PyToken(Kind.STRING, start, pos, null,
                new PyString(prefix, formatted, triple, terminated, value.toString(), fields));
    }

    private boolean tripleAt(int i, char quote) {
        return i + 2 < n && cs[i] == quote && cs[i + 1] == quote && cs[i + 2] == quote;
    }

    /** Decodes the escape at {@code pos} (a backslash with a character after it). */
    private void escape(boolean raw, StringBuilder value) {
        char d = cs[pos + 1];
        if (d == '\n' || d == '\r') { // a backslash-newline continues the string
            if (raw) {
                value.append('\\').append(text, pos + 1, afterNewline(pos + 1));
            }
            pos = afterNewline(pos + 1);
            return;
        }
        if (raw) {
            value.append('\\').append(d);
            pos += 2;
            return;
        }
        if (d == 'N' && pos + 2 < n && cs[pos + 2] == '{') { // \N{NAME}: kept as written, braces too
            int close = text.indexOf('}', pos);
            int end = close < 0 ? lineEnd(pos) : Math.min(close + 1, lineEnd(pos));
            value.append(text, pos, end);
            pos = end;
            return;
        }
        int hex = d == 'x' ? 2 : d == 'u' ? 4 : d == 'U' ? 8 : 0;
        if (hex > 0 && pos + 2 + hex <= n) {
            try {
                int cp = Integer.parseInt(text.substring(pos + 2, pos + 2 + hex), 16);
                if (Character.isValidCodePoint(cp)) {
                    value.appendCodePoint(cp);
                    pos += 2 + hex;
                    return;
                }
            } catch (NumberFormatException e) {
                // not an escape: kept as written
            }
        }
        String simple = switch (d) {
            case 'n' -> "\n";
            case 't' -> "\t";
            case 'r' -> "\r";
            case '\\' -> "\\";
            case '\'' -> "'";
            case '"' -> "\"";
            case '0' -> "\0";
            case 'a' -> "\u0007";
            case 'b' -> "\b";
            case 'f' -> "\f";
            case 'v' -> "\u000b";
            default -> null;
        };
        value.append(simple != null ? simple : "\\" + d);
        pos += 2;
    }

    /**
     * Tokenizes one replacement field, from after its '{' to after its '}', into a new entry of
     * {@code fields}; fields nested in its format spec become further entries.
     */
    private void field(char quote, boolean triple, List<List<PyToken>> fields, int nesting) {
        List<PyToken> tokens = new ArrayList<>();
        fields.add(tokens);
        int depth = 0;
        while (pos < n) {
            char c = cs[pos];
            if (!triple && (c == '\n' || c == '\r')) {
                return; // the enclosing string is unterminated; it ends here
            }
            if (c == ' ' || c == '\t' || c == '\f' || c == '\n' || c == '\r') {
                pos++;
            } else if (c == '#') {
                pos = lineEnd(pos);
            } else if (c == '\\' && pos + 1 < n && (cs[pos + 1] == '\n' || cs[pos + 1] == '\r')) {
                pos = afterNewline(pos + 1);
            } else if (depth == 0 && c == '}') {
                pos++;
                return;
            } else if (depth == 0 && c == ':') {
                pos++;
                spec(quote, triple, fields, nesting);
                return;
            } else if (depth == 0 && c == '!' && !(pos + 1 < n && cs[pos + 1] == '=')) {
                pos++; // conversion, as in {x!r}: its letter is not code
                while (pos < n && Character.isLetter(cs[pos])) {
                    pos++;
                }
            } else if (c == quote && depth == 0 && !tripleAt(pos, quote) && !triple) {
                errors.add(pos);
                return; // the field was never closed; the quote closes the string
            } else {
                PyToken t = atom(c, nesting);
                tokens.add(t);
                if (t.kind() == Kind.OP && t.text().length() == 1) {
                    char b = t.text().charAt(0);
                    if (b == '(' || b == '[' || b == '{') {
                        depth++;
                    } else if ((b == ')' || b == ']' || b == '}') && depth > 0) {
                        depth--;
                    }
                }
            }
        }
    }

    /** A format spec: literal text with nested fields, up to and including the field's '}'. */
    private void spec(char quote, boolean triple, List<List<PyToken>> fields, int nesting) {
        while (pos < n) {
            char c = cs[pos];
            if (c == '}') {
                pos++;
                return;
            }
            if (c == quote || (!triple && (c == '\n' || c == '\r'))) {
                return;
            }
            pos++;
            if (c == '{') {
                field(quote, triple, fields, nesting + 1);
            }
        }
    }
}
