package dev.astrid.ls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.astrid.ls.rules.Diagnostic;
import dev.astrid.ls.rules.Severity;
import dev.astrid.ls.service.CancelChecker;
import dev.astrid.ls.service.CompletionService;
import dev.astrid.ls.service.HoverService;
import dev.astrid.ls.service.LanguageService;
import dev.astrid.ls.service.Settings;
import dev.astrid.ls.text.Range;
import dev.astrid.ls.text.TextDocument;
import dev.astrid.ls.workspace.Workspace;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Spec-style assertions: a manifest text (with a {@code |} caret where a position matters) and
 * what the language service must answer.
 */
public final class ManifestAssert {
    private ManifestAssert() {}

    /** An expected diagnostic: its range and code; a message fragment when given. */
    public record Expected(Range range, String code, String messagePart, Severity severity) {}

    public static Expected d(int line, int start, int endLine, int end, String code) {
        return new Expected(Range.of(line, start, endLine, end), code, null, null);
    }

    public static Expected d(int line, int start, int endLine, int end, String code, String messagePart) {
        return new Expected(Range.of(line, start, endLine, end), code, messagePart, null);
    }

    public static Expected d(int line, int start, int endLine, int end, String code, Severity severity) {
        return new Expected(Range.of(line, start, endLine, end), code, null, severity);
    }

    public static String uri(String fileName) {
        return "file:///work/" + fileName;
    }

    /** A language service over a workspace holding just this unsaved buffer. */
    public static LanguageService service(String fileName, String text) {
        Workspace ws = new Workspace();
        ws.open(new TextDocument(uri(fileName), 1, text));
        return new LanguageService(ws);
    }

    public static List<Diagnostic> diagnose(String fileName, String text) {
        return diagnose(fileName, text, Settings.DEFAULTS);
    }

    public static List<Diagnostic> diagnose(String fileName, String text, Settings settings) {
        return service(fileName, text).diagnose(uri(fileName), settings, CancelChecker.NEVER);
    }

    /** Exactly these diagnostics, in document order. The file name picks the kind; folders may be included. */
    public static List<Diagnostic> assertDiagnostics(String fileName, String text, Expected... expected) {
        List<Diagnostic> actual = diagnose(fileName, text);
        String actualText = actual.stream().map(ManifestAssert::show).collect(Collectors.joining("\n"));
        assertEquals(expected.length, actual.size(), "diagnostics were:\n" + actualText);
        for (int i = 0; i < expected.length; i++) {
            Expected e = expected[i];
            Diagnostic a = actual.get(i);
            assertEquals(e.code(), a.code(), "code of diagnostic " + i + "; all:\n" + actualText);
            assertEquals(e.range(), a.range(), "range of " + a.code() + "; all:\n" + actualText);
            if (e.messagePart() != null) {
                assertTrue(a.message().contains(e.messagePart()),
                        "message of " + a.code() + " should contain '" + e.messagePart() + "' but was: " + a.message());
            }
            if (e.severity() != null) {
                assertEquals(e.severity(), a.severity(), "severity of " + a.code());
            }
        }
        return actual;
    }

    /** Only the diagnostics with this code, which must be exactly the expected ones. */
    public static List<Diagnostic> assertCode(String fileName, String text, String code, Expected... expected) {
        List<Diagnostic> actual = diagnose(fileName, text).stream().filter(d -> d.code().equals(code)).toList();
        assertEquals(expected.length, actual.size(), "'" + code + "' diagnostics were:\n"
                + actual.stream().map(ManifestAssert::show).collect(Collectors.joining("\n")));
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i].range(), actual.get(i).range(), "range; message: " + actual.get(i).message());
            if (expected[i].messagePart() != null) {
                assertTrue(actual.get(i).message().contains(expected[i].messagePart()),
                        "message should contain '" + expected[i].messagePart() + "' but was: " + actual.get(i).message());
            }
        }
        return actual;
    }

    public static void assertNoDiagnostics(String fileName, String text) {
        assertDiagnostics(fileName, text);
    }

    static String show(Diagnostic d) {
        Range r = d.range();
        return "  d(" + r.start().line() + ", " + r.start().character() + ", " + r.end().line() + ", "
                + r.end().character() + ", \"" + d.code() + "\") " + d.severity() + ": " + d.message();
    }

    /** The text without its caret, and the caret's offset. */
    public record Caret(String text, int offset) {
        public static Caret of(String withCaret) {
            int at = withCaret.indexOf('|');
            if (at < 0 || withCaret.indexOf('|', at + 1) >= 0) {
                fail("text must hold exactly one | caret");
            }
            return new Caret(withCaret.substring(0, at) + withCaret.substring(at + 1), at);
        }
    }

    public static Optional<HoverService.Hover> hover(String fileName, String withCaret) {
        Caret c = Caret.of(withCaret);
        return service(fileName, c.text()).hover(uri(fileName), c.offset());
    }

    /** Asserts the hover at the caret contains every fragment and covers the expected text. */
    public static HoverService.Hover assertHover(String fileName, String withCaret, String coveredText,
                                                 String... fragments) {
        Caret c = Caret.of(withCaret);
        HoverService.Hover h = service(fileName, c.text()).hover(uri(fileName), c.offset())
                .orElseThrow(() -> new AssertionError("no hover at the caret"));
        for (String f : fragments) {
            assertTrue(h.markdown().contains(f), "hover should contain '" + f + "' but was:\n" + h.markdown());
        }
        assertEquals(coveredText, c.text().substring(h.start(), h.end()), "hover range");
        return h;
    }

    public static List<CompletionService.Item> complete(String fileName, String withCaret) {
        Caret c = Caret.of(withCaret);
        return service(fileName, c.text()).complete(uri(fileName), c.offset());
    }

    public static List<String> labels(List<CompletionService.Item> items) {
        return items.stream().sorted(java.util.Comparator.comparing(CompletionService.Item::sortText))
                .map(CompletionService.Item::label).toList();
    }

    /** Applies edits to one document's text (edits must not overlap). */
    public static String applyEdits(String text, List<dev.astrid.ls.service.Edit> edits) {
        List<dev.astrid.ls.service.Edit> sorted = new java.util.ArrayList<>(edits);
        sorted.sort(java.util.Comparator.comparingInt(dev.astrid.ls.service.Edit::start).reversed());
        StringBuilder sb = new StringBuilder(text);
        for (var e : sorted) {
            sb.replace(e.start(), e.end(), e.newText());
        }
        return sb.toString();
    }

    /** The titles of the fixes offered for diagnostics with this code, in order. */
    public static List<String> fixTitles(String fileName, String text, String code) {
        return service(fileName, text).codeActions(uri(fileName), Range.of(0, 0, 100000, 0), java.util.Set.of(code),
                Settings.DEFAULTS, false).stream().map(a -> a.fix().title()).toList();
    }

    /** The text after applying the fix with this title to the first diagnostic with this code. */
    public static String applyFix(String fileName, String text, String code, String title) {
        return applyFix(fileName, text, code, title, false);
    }

    public static String applyFix(String fileName, String text, String code, String title, boolean snippets) {
        var action = service(fileName, text).codeActions(uri(fileName), Range.of(0, 0, 100000, 0),
                        java.util.Set.of(code), Settings.DEFAULTS, snippets).stream()
                .filter(a -> a.fix().title().equals(title)).findFirst()
                .orElseThrow(() -> new AssertionError("no fix '" + title + "'; offered: " + fixTitles(fileName, text, code)));
        return applyEdits(text, action.fix().edits());
    }

    /** The document after applying a completion item at the caret (snippet syntax left as is). */
    public static String apply(String withCaret, CompletionService.Item item) {
        String text = Caret.of(withCaret).text();
        return text.substring(0, item.replaceStart()) + item.insertText() + text.substring(item.replaceEnd());
    }
}
