package dev.astrid.ls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.astrid.ls.core.CancelChecker;
import dev.astrid.ls.core.Code;
import dev.astrid.ls.core.Diagnostic;
import dev.astrid.ls.core.Settings;
import dev.astrid.ls.core.Severity;
import dev.astrid.ls.edit.Edit;
import dev.astrid.ls.service.CompletionService;
import dev.astrid.ls.service.HoverService;
import dev.astrid.ls.service.InlayHintService;
import dev.astrid.ls.service.LanguageService;
import dev.astrid.ls.service.Snapshot;
import dev.astrid.ls.service.StructureService;
import dev.astrid.ls.text.Range;
import dev.astrid.ls.text.TextDocument;
import dev.astrid.ls.workspace.Workspace;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import tools.jackson.databind.json.JsonMapper;

/**
 * Spec-style assertions: a manifest text (with a {@code |} caret where a position matters) and
 * what the language service must answer: diagnostics, hover, completion, or the text a fix makes.
 */
public final class ManifestAssert {
    /** The shortest valid v1 pack header: most tests add their permissions or keys after it. */
    public static final String PACK_HEAD = "schema_version: 1\nid: demo\nname: Demo\nversion: 1.0.0\n";

    private ManifestAssert() {}

    /** An expected diagnostic: its range and code; a message fragment and severity when given. */
    public record Expected(Range range, Code code, String messagePart, Severity severity) {}

    public static Expected d(int line, int start, int endLine, int end, Code code) {
        return new Expected(Range.of(line, start, endLine, end), code, null, null);
    }

    public static Expected d(int line, int start, int endLine, int end, Code code, String messagePart) {
        return new Expected(Range.of(line, start, endLine, end), code, messagePart, null);
    }

    public static Expected d(int line, int start, int endLine, int end, Code code, Severity severity) {
        return new Expected(Range.of(line, start, endLine, end), code, null, severity);
    }

    public static Expected d(int line, int start, int endLine, int end, Code code, Severity severity, String messagePart) {
        return new Expected(Range.of(line, start, endLine, end), code, messagePart, severity);
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

    public static Snapshot snapshot(LanguageService service, String fileName) {
        return service.snapshot(uri(fileName)).orElseThrow(() -> new AssertionError(fileName + " is not a manifest"));
    }

    public static List<Diagnostic> diagnose(String fileName, String text) {
        return diagnose(fileName, text, Settings.DEFAULTS);
    }

    public static List<Diagnostic> diagnose(String fileName, String text, Settings settings) {
        return Reported.record(service(fileName, text).diagnose(uri(fileName), settings, CancelChecker.NEVER));
    }

    /** Exactly these diagnostics, in document order. The file name picks the kind; folders may be included. */
    public static List<Diagnostic> assertDiagnostics(String fileName, String text, Expected... expected) {
        return assertExactly(diagnose(fileName, text), expected);
    }

    /** Exactly these diagnostics, in order. */
    public static List<Diagnostic> assertExactly(List<Diagnostic> actual, Expected... expected) {
        String actualText = actual.stream().map(ManifestAssert::show).collect(Collectors.joining("\n"));
        assertEquals(expected.length, actual.size(), "diagnostics were:\n" + actualText);
        for (int i = 0; i < expected.length; i++) {
            Expected e = expected[i];
            Diagnostic a = actual.get(i);
            assertEquals(e.code(), a.code(), "code of diagnostic " + i + "; all:\n" + actualText);
            assertEquals(e.range(), a.range(), "range of " + a.code().id() + "; all:\n" + actualText);
            if (e.messagePart() != null) {
                assertTrue(a.message().contains(e.messagePart()),
                        "message of " + a.code().id() + " should contain '" + e.messagePart() + "' but was: " + a.message());
            }
            if (e.severity() != null) {
                assertEquals(e.severity(), a.severity(), "severity of " + a.code().id());
            }
        }
        return actual;
    }

    /** Only the diagnostics with this code, which must be exactly the expected ones. */
    public static List<Diagnostic> assertCode(String fileName, String text, Code code, Expected... expected) {
        return assertExactly(diagnose(fileName, text).stream().filter(d -> d.code() == code).toList(), expected);
    }

    /** The diagnostics of one file of a workspace of unsaved buffers (file name → text: a pack with its code, say). */
    public static List<Diagnostic> diagnose(Map<String, String> files, String fileName, Settings settings) {
        return Reported.record(service(files).diagnose(uri(fileName), settings, CancelChecker.NEVER));
    }

    /** Only the diagnostics with this code in {@code fileName}, among these unsaved buffers. */
    public static List<Diagnostic> assertCode(Map<String, String> files, String fileName, Code code, Expected... expected) {
        return assertExactly(diagnose(files, fileName, Settings.DEFAULTS).stream().filter(d -> d.code() == code).toList(),
                expected);
    }

    /** "file:line:column message" of each related place, file relative to {@link #uri}'s folder, 1-based. */
    public static List<String> related(Diagnostic d) {
        return d.related().stream().map(r -> r.uri().substring(uri("").length()) + ":" + (r.range().start().line() + 1)
                + ":" + (r.range().start().character() + 1) + " " + r.message()).toList();
    }

    public static void assertNoDiagnostics(String fileName, String text) {
        assertDiagnostics(fileName, text);
    }

    public static String show(Diagnostic d) {
        Range r = d.range();
        return "  d(" + r.start().line() + ", " + r.start().character() + ", " + r.end().line() + ", "
                + r.end().character() + ", " + d.code().id() + ") " + d.severity() + ": " + d.message();
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
        LanguageService s = service(fileName, c.text());
        return s.snapshot(uri(fileName)).flatMap(snap -> s.hover(snap, c.offset(), CancelChecker.NEVER));
    }

    /** The hover at the caret of {@code fileName}, among these unsaved buffers (that one alone holds a caret). */
    public static Optional<HoverService.Hover> hover(Map<String, String> files, String fileName) {
        Caret c = Caret.of(files.get(fileName));
        Map<String, String> texts = new TreeMap<>(files);
        texts.put(fileName, c.text());
        LanguageService s = service(texts);
        return s.snapshot(uri(fileName)).flatMap(snap -> s.hover(snap, c.offset(), CancelChecker.NEVER));
    }

    /** Asserts the hover at the caret contains every fragment and covers the expected text. */
    public static HoverService.Hover assertHover(String fileName, String withCaret, String coveredText,
                                                 String... fragments) {
        Caret c = Caret.of(withCaret);
        HoverService.Hover h = hover(fileName, withCaret).orElseThrow(() -> new AssertionError("no hover at the caret"));
        for (String f : fragments) {
            assertTrue(h.markdown().contains(f), "hover should contain '" + f + "' but was:\n" + h.markdown());
        }
        assertEquals(coveredText, c.text().substring(h.start(), h.end()), "hover range");
        return h;
    }

    public static List<CompletionService.Item> complete(String fileName, String withCaret) {
        Caret c = Caret.of(withCaret);
        LanguageService s = service(fileName, c.text());
        return s.complete(snapshot(s, fileName), c.offset(), CancelChecker.NEVER);
    }

    public static List<String> labels(List<CompletionService.Item> items) {
        return items.stream().sorted(Comparator.comparing(CompletionService.Item::sortText))
                .map(CompletionService.Item::label).toList();
    }

    /** Applies edits to one document's text (edits must not overlap). */
    public static String applyEdits(String text, List<Edit> edits) {
        List<Edit> sorted = new ArrayList<>(edits);
        sorted.sort(Comparator.comparingInt(Edit::start).reversed());
        StringBuilder sb = new StringBuilder(text);
        for (Edit e : sorted) {
            sb.replace(e.start(), e.end(), e.newText());
        }
        return sb.toString();
    }

    public static List<LanguageService.Action> actions(LanguageService s, Snapshot snapshot, Code code, boolean snippets) {
        return s.codeActions(snapshot, Range.of(0, 0, 100000, 0), Set.of(code), Settings.DEFAULTS, snippets,
                CancelChecker.NEVER);
    }

    public static List<LanguageService.Action> actions(String fileName, String text, Code code, boolean snippets) {
        LanguageService s = service(fileName, text);
        return actions(s, snapshot(s, fileName), code, snippets);
    }

    /** The titles of the fixes offered for diagnostics with this code, in order. */
    public static List<String> fixTitles(String fileName, String text, Code code) {
        return actions(fileName, text, code, false).stream().map(a -> a.fix().title()).toList();
    }

    /** The text after applying the fix with this title to the first diagnostic with this code. */
    public static String applyFix(String fileName, String text, Code code, String title) {
        return applyFix(fileName, text, code, title, false);
    }

    public static String applyFix(String fileName, String text, Code code, String title, boolean snippets) {
        var action = actions(fileName, text, code, snippets).stream()
                .filter(a -> a.fix().title().equals(title)).findFirst()
                .orElseThrow(() -> new AssertionError("no fix '" + title + "'; offered: " + fixTitles(fileName, text, code)));
        action.fix().edits().forEach(e -> assertEquals(uri(fileName), e.uri(), "an edit of another file"));
        String fixed = applyEdits(text, action.fix().edits());
        if (fileName.endsWith(".json")) {
            assertValidJson(fixed);
        }
        return fixed;
    }

    /** The fix with this title applied must give exactly {@code expected}. */
    public static void assertFix(String fileName, String text, Code code, String title, String expected) {
        assertEquals(expected, applyFix(fileName, text, code, title));
    }

    /** JSON text must stay JSON that a strict parser reads. */
    public static void assertValidJson(String text) {
        try {
            JsonMapper.builder().build().readTree(text);
        } catch (RuntimeException e) {
            fail("not valid JSON (" + e.getMessage() + "):\n" + text);
        }
    }

    /** A language service over a workspace holding these unsaved buffers (file name → text). */
    public static LanguageService service(Map<String, String> files) {
        Workspace ws = new Workspace();
        files.forEach((name, text) -> ws.open(new TextDocument(uri(name), 1, text)));
        return new LanguageService(ws);
    }

    /**
     * Every buffer after applying the fix with this title to the first diagnostic with this code in
     * {@code fileName}; edits may reach several files. JSON text must stay valid JSON.
     */
    public static Map<String, String> applyFix(Map<String, String> files, String fileName, Code code, String title) {
        LanguageService s = service(files);
        var action = actions(s, snapshot(s, fileName), code, false).stream()
                .filter(a -> a.fix().title().equals(title)).findFirst()
                .orElseThrow(() -> new AssertionError("no fix '" + title + "'; offered: "
                        + actions(s, snapshot(s, fileName), code, false).stream().map(a -> a.fix().title()).toList()));
        Map<String, String> out = new TreeMap<>(files);
        for (String name : files.keySet()) {
            List<Edit> edits = action.fix().edits().stream().filter(e -> e.uri().equals(uri(name))).toList();
            String fixed = applyEdits(files.get(name), edits);
            if (name.endsWith(".json") || fixed.stripLeading().startsWith("{")) {
                assertValidJson(fixed);
            }
            out.put(name, fixed);
        }
        action.fix().edits().forEach(e -> assertTrue(files.containsKey(e.uri().substring(uri("").length())),
                "an edit of a file that is not open: " + e.uri()));
        return out;
    }

    /** The text after {@code source.fixAll}. */
    public static String fixAll(String fileName, String text) {
        LanguageService s = service(fileName, text);
        String fixed = applyEdits(text, s.fixAll(snapshot(s, fileName), Settings.DEFAULTS, CancelChecker.NEVER));
        if (fileName.endsWith(".json")) {
            assertValidJson(fixed);
        }
        return fixed;
    }

    public static List<StructureService.Symbol> symbols(String fileName, String text) {
        LanguageService s = service(fileName, text);
        return s.symbols(snapshot(s, fileName), CancelChecker.NEVER);
    }

    public static List<StructureService.Fold> folds(String fileName, String text) {
        LanguageService s = service(fileName, text);
        return s.folds(snapshot(s, fileName), CancelChecker.NEVER);
    }

    public static List<int[]> selection(String fileName, String text, int offset) {
        LanguageService s = service(fileName, text);
        return s.selection(snapshot(s, fileName), offset, CancelChecker.NEVER);
    }

    public static List<InlayHintService.Hint> inlayHints(String fileName, String text, Settings settings) {
        LanguageService s = service(fileName, text);
        return s.inlayHints(snapshot(s, fileName), 0, text.length(), settings, CancelChecker.NEVER);
    }

    /** The document after applying a completion item and its extra edits at the caret (snippet syntax left as is). */
    public static String apply(String withCaret, CompletionService.Item item) {
        String text = Caret.of(withCaret).text();
        List<Edit> edits = new ArrayList<>(item.extraEdits());
        edits.add(new Edit(uri("x"), item.replaceStart(), item.replaceEnd(), item.insertText()));
        return applyEdits(text, edits);
    }
}
