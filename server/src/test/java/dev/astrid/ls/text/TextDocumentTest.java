package dev.astrid.ls.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Lines as LSP counts them: \n, \r\n and a lone \r each end one. */
class TextDocumentTest {
    static List<String> lines(String text) {
        TextDocument d = new TextDocument("file:///t", 1, text);
        return IntStream.range(0, d.lineCount()).mapToObj(d::lineText).toList();
    }

    @Test
    void everyLineTerminatorEndsALine() {
        assertEquals(List.of("a", "b", ""), lines("a\nb\n"));
        assertEquals(List.of("a", "b", ""), lines("a\r\nb\r\n"));
        assertEquals(List.of("a", "b", "c"), lines("a\rb\nc"));
        assertEquals(List.of("", "", "x"), lines("\r\n\rx"));
        assertEquals(List.of(""), lines(""));
    }

    @Test
    void positionsCountLinesTheSameWay() {
        TextDocument d = new TextDocument("file:///t", 1, "ab\r\ncd\ref\ngh");
        assertEquals(new Position(1, 1), d.positionAt(5));
        assertEquals(new Position(2, 0), d.positionAt(7));
        assertEquals(10, d.offsetAt(new Position(3, 0)));
    }
}
