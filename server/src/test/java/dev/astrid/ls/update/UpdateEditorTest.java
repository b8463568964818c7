package dev.astrid.ls.update;

import static dev.astrid.ls.ManifestAssert.assertExactly;
import static dev.astrid.ls.ManifestAssert.d;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.astrid.ls.ManifestAssert.Caret;
import dev.astrid.ls.Reported;
import dev.astrid.ls.core.CancelChecker;
import dev.astrid.ls.core.Diagnostic;
import dev.astrid.ls.core.Settings;
import dev.astrid.ls.rules.UpdateTrustRule;
import dev.astrid.ls.service.LanguageService;
import dev.astrid.ls.service.Snapshot;
import dev.astrid.ls.service.UpdateService;
import dev.astrid.ls.workspace.Workspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The update preview in the language service, as the editor uses it: the base read once (as the
 * server's git thread does), then diagnostics, hover, the lens headline and the trust summary
 * computed from memory for unsaved text.
 */
class UpdateEditorTest {
    static final String PACK = UpdateDiffTest.PACK;
    static final String FFMPEG = "permissions:\n  - id: subprocess\n    reason: Runs ffmpeg\n";

    @TempDir
    Path tmp;
    TestRepo repo;
    LanguageService service;
    String commit;

    @BeforeEach
    void init() throws Exception {
        repo = new TestRepo(tmp);
        service = new LanguageService(repo.workspace);
    }

    @AfterEach
    void close() {
        repo.close();
    }

    /** Commits the base, reads it as the server would, then types the current text (unsaved). */
    void base(String text) throws Exception {
        commit = repo.write("demo/pack.yaml", text).commit().substring(0, 8);
        assertEquals(UpdateService.Change.DIAGNOSTICS, service.updates().load(repo.dir.resolve("demo")));
        assertEquals(UpdateService.Change.NONE, service.updates().load(repo.dir.resolve("demo")), "read once per commit");
    }

    Snapshot type(String text) {
        repo.type("demo/pack.yaml", text);
        return service.snapshot(Workspace.uri(repo.dir.resolve("demo/pack.yaml"))).orElseThrow();
    }

    List<Diagnostic> notes(String text) {
        return Reported.record(service.diagnose(type(text), Settings.DEFAULTS, CancelChecker.NEVER)).stream()
                .filter(x -> x.code() == UpdateTrustRule.ADDS_TRUST).toList();
    }

    String hover(String withCaret) {
        Caret c = Caret.of(withCaret);
        return service.hover(type(c.text()), c.offset(), CancelChecker.NEVER).orElseThrow().markdown();
    }

    @Test
    void anAddedPermissionIsNotedOnItsId() throws Exception {
        base(PACK + FFMPEG);
        List<Diagnostic> notes = assertExactly(notes(PACK + FFMPEG + "  - id: network\n    reason: Calls api.example.com\n"),
                d(7, 8, 7, 15, UpdateTrustRule.ADDS_TRUST, "New on update: users will be asked to trust this permission"));
        assertEquals("New on update: users will be asked to trust this permission, which HEAD (" + commit + ") does "
                + "not declare. The update diff shows: network: Calls api.example.com", notes.get(0).message());
        assertEquals(dev.astrid.ls.core.Severity.INFORMATION, notes.get(0).severity());
    }

    @Test
    void aSecretIsNewWhenItsLabelIsSoARewordedDescriptionIsNotedToo() throws Exception {
        base(PACK + "secrets:\n  - name: FAL_KEY\n    description: fal.ai key\n");
        assertExactly(notes(PACK + "secrets:\n  - name: FAL_KEY\n    description: fal.ai API key\n  - name: HF_TOKEN\n"),
                d(5, 10, 5, 17, UpdateTrustRule.ADDS_TRUST, "The update diff shows: FAL_KEY: fal.ai API key"),
                d(7, 10, 7, 18, UpdateTrustRule.ADDS_TRUST, "this secret, which HEAD"));
    }

    @Test
    void aChangedPermissionIsNoNoteButItsHoverShowsBeforeAndAfter() throws Exception {
        base(PACK + FFMPEG);
        String now = PACK + FFMPEG.replace("Runs ffmpeg", "Runs ffmpeg and sox");
        assertExactly(notes(now));
        String onId = hover(now.replace("id: subprocess", "id: subpro|cess"));
        assertTrue(onId.contains("starts child processes"), "the permission's own hover stays first: " + onId);
        assertTrue(onId.contains("---\n\n**On update from `HEAD`** (`" + commit + "`): Astrid shows this permission as "
                + "changed (reason), and its users are asked to trust the pack again.\n\n"
                + "- before: `subprocess: Runs ffmpeg`\n- after: `subprocess: Runs ffmpeg and sox`"), onId);
        assertTrue(hover(now.replace("and sox", "and s|ox")).contains("- after: `subprocess: Runs ffmpeg and sox`"));
        assertTrue(!hover(now.replace("id: subprocess", "id: subpro|cess").replace("and sox", "")).contains("On update"),
                "an unchanged permission has no update section");
    }

    @Test
    void manifestTextInTheHoverCannotLeaveItsCodeSpan() throws Exception {
        base(PACK + FFMPEG);
        String md = hover(PACK + FFMPEG.replace("subprocess", "subpro|cess")
                .replace("Runs ffmpeg", "'Runs `ffmpeg` ![x](https://evil.example/x.png)'"));
        assertTrue(md.contains("- after: ``subprocess: Runs `ffmpeg` ![x](https://evil.example/x.png)``"), md);
    }

    @Test
    void theLensHeadlineAndTheTrustSummaryEndWithTheUpdateDiff() throws Exception {
        base(PACK + FFMPEG + "secrets:\n  - name: FAL_KEY\n");
        Snapshot s = type(PACK + FFMPEG.replace("Runs ffmpeg", "Runs ffmpeg and sox")
                + "  - id: network\n    reason: Calls api.example.com\n");
        assertEquals("Update diff vs HEAD: +network, reason changed: subprocess, −1 secret",
                service.updateHeadline(s).orElseThrow());
        String summary = service.trustSummary(s).orElseThrow();
        assertTrue(summary.endsWith("\n  On update:\n    Update from HEAD (" + commit + ") to the files as they are now:\n"
                + "    ═══ Diff Summary ═══\n      Version:  1.0.0 (unchanged)\n      Executors:0 (unchanged)\n"
                + "      Orchestrators:0 (unchanged)\n      Elements:0 (unchanged)\n      Secrets removed: FAL_KEY\n"
                + "      Permissions added:\n        - network: Calls api.example.com\n      Permissions changed:\n"
                + "        - subprocess: subprocess: Runs ffmpeg → subprocess: Runs ffmpeg and sox\n"), summary);
    }

    @Test
    void withoutADiffTheLensSaysWhyAndNothingIsNoted(@TempDir Path other) throws Exception {
        repo.write("README.md", "x").commit();
        assertEquals(UpdateService.Change.TEXT, service.updates().load(repo.dir.resolve("demo")),
                "a new pack has no diff: only the lens and the summary say so");
        Snapshot s = type(PACK + FFMPEG);
        assertEquals("Update diff vs HEAD: new pack, not in HEAD", service.updateHeadline(s).orElseThrow());
        assertExactly(notes(PACK + FFMPEG));

        Path alone = Files.createDirectories(other.toAbsolutePath().normalize().resolve("demo"));
        Files.writeString(alone.resolve("pack.yaml"), PACK + FFMPEG);
        Workspace workspace = new Workspace();
        workspace.addRoot(alone.getParent());
        LanguageService outside = new LanguageService(workspace);
        outside.updates().load(alone);
        Snapshot none = outside.snapshot(Workspace.uri(alone.resolve("pack.yaml"))).orElseThrow();
        assertEquals("Update diff: no git repository", outside.updateHeadline(none).orElseThrow());
        assertTrue(outside.trustSummary(none).orElseThrow().endsWith("\n  On update:\n    No git repository holds this "
                + "pack, so there is no base to compare with.\n"));
        assertEquals(List.of(), outside.diagnose(none, Settings.DEFAULTS, CancelChecker.NEVER));
    }

    @Test
    void aPackAstridWouldRefuseAsItIsNowIsNotCompared() throws Exception {
        base(PACK + FFMPEG);
        assertExactly(notes(PACK + FFMPEG + "  - id: network\n"));
    }

    @Test
    void beforeTheBaseIsReadNothingIsShownAndTheSettingNamesTheBase() throws Exception {
        repo.write("demo/pack.yaml", PACK).commit();
        repo.tag("v1.0.0");
        repo.write("demo/pack.yaml", PACK + FFMPEG).commit();
        String now = PACK + FFMPEG + "  - id: network\n    reason: Calls api.example.com\n";
        assertExactly(notes(now)); // never read: diagnostics do not go to git themselves
        assertTrue(service.updateHeadline(type(now)).isEmpty());
        assertTrue(!service.trustSummary(type(now)).orElseThrow().contains("On update"));

        assertTrue(service.updates().configure(Settings.from(Map.of("update", Map.of("base", "v1.0.0")))));
        service.updates().load(repo.dir.resolve("demo"));
        assertExactly(notes(now), d(5, 8, 5, 18, UpdateTrustRule.ADDS_TRUST, "which v1.0.0 ("),
                d(7, 8, 7, 15, UpdateTrustRule.ADDS_TRUST, "which v1.0.0 ("));
    }
}
