package dev.astrid.ls.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.astrid.ls.core.CancelChecker;
import dev.astrid.ls.core.Diagnostic;
import dev.astrid.ls.core.Settings;
import dev.astrid.ls.edit.Edit;
import dev.astrid.ls.service.Faults;
import dev.astrid.ls.service.LanguageService;
import dev.astrid.ls.service.Snapshot;
import dev.astrid.ls.text.Range;
import dev.astrid.ls.text.TextDocument;
import dev.astrid.ls.workspace.Workspace;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Mutated corpus manifests through every feature of the language service: no exception, no rule
 * fault, and every position in every answer inside the document.
 */
class LanguageServiceFuzzTest {
    static final String[] NAMES = {"demo/pack.yaml", "demo/executors/x/executor.yaml", "demo/pack.json",
            "demo/orchestrators/y/orchestrator.yaml", "demo/elements/e/z/element.yaml"};

    @Test
    void everyFeatureSurvivesAndStaysInsideTheDocument() {
        long faults = Faults.count();
        for (int i = 0; i < Mutations.CASES; i++) {
            long seed = Mutations.SEED + i;
            Random r = new Random(seed);
            try {
                check(Mutations.mutatedManifest(r), NAMES[r.nextInt(NAMES.length)], r.nextDouble());
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError("case with -Dfuzz.seed=" + seed + " -Dfuzz.cases=1 failed: " + e, e);
            }
        }
        assertEquals(faults, Faults.count(), "rules failed (see stderr)");
        System.out.println("language service fuzz: " + Mutations.CASES + " mutated manifests from seed "
                + Mutations.SEED + ", 0 exceptions, 0 rule faults");
    }

    private void check(String text, String name, double where) {
        Workspace ws = new Workspace();
        String uri = "file:///fuzz/" + name;
        TextDocument doc = new TextDocument(uri, 1, text);
        ws.open(doc);
        LanguageService service = new LanguageService(ws);
        Settings on = Settings.from(java.util.Map.of("inlayHints", java.util.Map.of("enabled", true)));

        Snapshot s = service.snapshot(uri).orElseThrow();
        CancelChecker never = CancelChecker.NEVER;
        List<Diagnostic> ds = service.diagnose(s, on, never);
        for (Diagnostic d : ds) {
            inside(doc, d.range());
        }
        int offset = (int) (where * text.length());
        service.hover(s, offset, never).ifPresent(h -> inside(doc, h.start(), h.end()));
        service.complete(s, offset, never).forEach(i -> inside(doc, i.replaceStart(), i.replaceEnd()));
        service.symbols(s, never).forEach(x -> inside(doc, x.start(), x.end()));
        service.folds(s, never).forEach(f -> assertTrue(f.startLine() <= f.endLine() && f.endLine() < doc.lineCount()));
        service.selection(s, offset, never).forEach(r -> inside(doc, r[0], r[1]));
        service.inlayHints(s, 0, text.length(), on, never).forEach(h -> inside(doc, h.offset(), h.offset()));
        for (LanguageService.Action a : service.codeActions(s, Range.of(0, 0, doc.lineCount(), 0), Set.of(),
                on, true, never)) {
            for (Edit e : a.fix().edits()) {
                if (e.uri().equals(uri)) {
                    inside(doc, e.start(), e.end());
                }
            }
        }
        service.fixAll(s, on, never).forEach(e -> inside(doc, e.start(), e.end()));
    }

    static void inside(TextDocument doc, Range r) {
        assertTrue(r.start().compareTo(r.end()) <= 0, "range runs backwards: " + r);
        for (var p : List.of(r.start(), r.end())) {
            assertTrue(p.line() >= 0 && p.line() < doc.lineCount(), "line outside: " + r);
            assertTrue(p.character() >= 0 && p.character() <= doc.lineText(p.line()).length(), "column outside: " + r);
        }
    }

    static void inside(TextDocument doc, int start, int end) {
        assertTrue(0 <= start && start <= end && end <= doc.text().length(), "offsets outside: " + start + ".." + end);
    }
}
