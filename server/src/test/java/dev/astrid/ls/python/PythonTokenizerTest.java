package dev.astrid.ls.python;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.astrid.ls.python.PyToken.Kind;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Tokens written compactly: names, numbers and operators as themselves, strings as
 * {@code prefix"value"}, {@code ⏎} for NEWLINE, {@code →} INDENT, {@code ←} DEDENT, {@code !x} ERROR.
 */
class PythonTokenizerTest {
    static String tokens(String source) {
        List<String> out = new ArrayList<>();
        for (PyToken t : PyTokenizer.tokenize(source).tokens()) {
            out.add(switch (t.kind()) {
                case STRING -> t.string().prefix() + "\"" + t.string().value().replace(PyString.FIELD, '¤') + "\"";
                case NEWLINE -> "⏎";
                case INDENT -> "→";
                case DEDENT -> "←";
                case ERROR -> "!" + t.text();
                case END -> "";
                default -> t.text();
            });
        }
        return String.join(" ", out).trim();
    }

    @Test
    void everyStringPrefixAndQuoteFormIsOneString() {
        assertEquals("r\"\\d\" b\"x\" u\"y\" f\"¤\" rb\"z\" Rb\"w\" BR\"v\" fr\"¤\" rf\"¤\" F\"\" t\"¤\" ⏎",
                tokens("r'\\d' b\"x\" u'y' f\"{a}\" rb'z' Rb\"w\" BR'v' fr\"{b}\" rf'{c}' F\"\" t\"{d}\""));
    }

    @Test
    void aTripleQuotedStringSpansLinesAndItsContentIsNotCode() {
        assertEquals("x = \"import os\nos.environ['A']\" ⏎ y = 1 ⏎",
                tokens("x = '''import os\nos.environ['A']'''\ny = 1\n"));
        assertEquals("\"a\"b\" ⏎", tokens("\"\"\"a\"b\"\"\"\n"));
    }

    @Test
    void escapesAreDecodedExceptInRawStrings() {
        assertEquals("\"a\nb\" r\"a\\nb\" \"Aé\" \"\\N{EM DASH}\" \"ab\" ⏎",
                tokens("'a\\nb' r'a\\nb' '\\x41\\u00e9' '\\N{EM DASH}' 'a\\\nb'\n"));
    }

    @Test
    void fStringFieldsAreCodeAtTheirOwnOffsets() {
        String src = "f\"{os.environ['K']!r:>{w}} {{x}}\"";
        PyToken s = PyTokenizer.tokenize(src).tokens().get(0);
        assertEquals("¤ {x}", s.string().value().replace(PyString.FIELD, '¤'));
        assertEquals(2, s.string().fields().size());
        List<PyToken> first = s.string().fields().get(0);
        assertEquals("os . environ [ ]", String.join(" ", first.stream()
                .map(t -> t.kind() == Kind.STRING ? "" : t.text()).filter(x -> !x.isEmpty()).toList()));
        assertEquals(src.indexOf("os"), first.get(0).start());
        assertEquals("K", first.get(4).string().value());
        assertEquals(src.indexOf("w"), s.string().fields().get(1).get(0).start());
    }

    @Test
    void fStringsNestAndMayReuseTheirQuotesInsideBrackets() {
        PyToken s = PyTokenizer.tokenize("f\"{d[\"k\"]} {f'{x}'}\"").tokens().get(0);
        assertTrue(s.string().terminated());
        assertEquals("d [ k ]", String.join(" ", s.string().fields().get(0).stream()
                .map(t -> t.kind() == Kind.STRING ? t.string().value() : t.text()).toList()));
        assertEquals(1, s.string().fields().get(1).get(0).string().fields().size());
    }

    @Test
    void bracketsJoinLinesAndABackslashContinuesOne() {
        assertEquals("x = ( 1 , 2 ) ⏎ y = 1 + 2 ⏎", tokens("x = (1,\n  2)\ny = 1 + \\\n 2\n"));
        assertEquals("x = 1 ⏎ y = 2 ⏎", tokens("x = 1\r\ny = 2\r"));
    }

    @Test
    void blankLinesAndCommentsMakeNoTokensAndIndentationIsTracked() {
        assertEquals("def f ( ) : ⏎ → return 1 ⏎ ← x = 2 ⏎",
                tokens("def f():\n    # a comment\n\n    return 1  # another\nx = 2\n"));
        assertEquals("if a : ⏎ → if b : ⏎ → c ⏎ ← ←", tokens("if a:\n\tif b:\n\t\tc"));
    }

    @Test
    void unicodeNamesAndOffsetsAreUtf16Indexes() {
        String src = "名前 = '😀'; 𝔘 = 1";
        List<PyToken> ts = PyTokenizer.tokenize(src).tokens();
        assertEquals("名前", ts.get(0).text());
        assertEquals(src.indexOf("'"), ts.get(2).start());
        assertEquals(src.indexOf("'", 6) + 1, ts.get(2).end());
        assertEquals("𝔘", ts.get(4).text());
        assertEquals(src.indexOf("𝔘"), ts.get(4).start());
        assertEquals(src.indexOf("𝔘") + 2, ts.get(4).end());
    }

    @Test
    void anUnterminatedStringEndsAtItsLineAndIsAnError() {
        PyTokenizer.Result r = PyTokenizer.tokenize("x = 'open\ny = 2\n");
        assertEquals("x = \"open\" ⏎ y = 2 ⏎", tokens("x = 'open\ny = 2\n"));
        assertFalse(r.tokens().get(2).string().terminated());
        assertEquals(List.of(4), r.errors());
    }

    @Test
    void anUnclosedBracketClosesWhereTheNextStatementStarts() {
        String src = "x = foo(1,\ndef g():\n    return 2\n";
        assertEquals("x = foo ( 1 , ⏎ def g ( ) : ⏎ → return 2 ⏎ ←", tokens(src));
        assertEquals(List.of(src.indexOf('(')), PyTokenizer.tokenize(src).errors());
        // a comprehension's own 'for' does not close it
        assertEquals("y = [ a for a in b ] ⏎", tokens("y = [a\n     for a in b]\n"));
    }

    @Test
    void strayCharactersAreErrorTokens() {
        assertEquals("a !$ b !? ⏎", tokens("a $ b ?"));
        assertEquals("!\\ x ⏎", tokens("\\ x"));
    }

    @Test
    void neverThrowsOnTheEdges() {
        for (String s : List.of("", "\\", "'", "\"\"\"", "f'{", "f'{'", "f'{x!", "f'{x:{", "f\"{x:{y", "\r", "\t\t x",
                ")", "]]]", "((((", "\n\n\n  ", "\uD800", "\\N{", "'\\N{", "f'\\N{x}'", "0x", "1e", "1e+", ".5j",
                "'''", "f'''{\n", "rb", "@", "\u00a0", "def", "from . import")) {
            PyTokenizer.Result r = PyTokenizer.tokenize(s);
            assertEquals(Kind.END, r.tokens().get(r.tokens().size() - 1).kind(), s);
            for (PyToken t : r.tokens()) {
                assertTrue(0 <= t.start() && t.start() <= t.end() && t.end() <= s.length(), s);
            }
        }
    }
}
