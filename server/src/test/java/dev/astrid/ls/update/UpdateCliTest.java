package dev.astrid.ls.update;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.astrid.ls.cli.Cli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code trust-summary --diff REF} and {@code check --base REF} on a repository made in the test. */
class UpdateCliTest {
    static final String PACK = UpdateDiffTest.PACK;

    record Run(int exit, String out) {}

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        int exit = Cli.run(new PrintWriter(out), new PrintWriter(new StringWriter()), args);
        return new Run(exit, out.toString());
    }

    @Test
    void trustSummaryDiffPrintsAstridsDiff(@TempDir Path dir) throws Exception {
        try (TestRepo repo = new TestRepo(dir)) {
            String commit = repo.write("demo/pack.yaml", PACK).commit();
            repo.write("demo/pack.yaml", PACK + "permissions:\n  - id: network\n    reason: Calls api.example.com\n");
            Run r = run("trust-summary", "--diff", "HEAD", repo.dir.resolve("demo").toString());
            assertEquals(0, r.exit());
            assertEquals("Update from HEAD (" + commit.substring(0, 8) + ") to the files as they are now:\n"
                    + UpdateDiffTest.UNCHANGED + "  Permissions added:\n    - network: Calls api.example.com\n", r.out());
        }
    }

    @Test
    void trustSummaryDiffOutsideARepositorySaysSo(@TempDir Path dir) throws Exception {
        java.nio.file.Files.createDirectories(dir.resolve("demo"));
        java.nio.file.Files.writeString(dir.resolve("demo/pack.yaml"), PACK);
        Run r = run("trust-summary", "--diff", "HEAD", dir.resolve("demo/pack.yaml").toString());
        assertEquals(new Run(0, "No git repository holds this pack, so there is no base to compare with.\n"), r);
        Run summary = run("trust-summary", dir.resolve("demo").toString());
        assertEquals(0, summary.exit());
        assertTrue(summary.out().endsWith("\n  On update:\n    No git repository holds this pack, so there is no base to "
                + "compare with.\n"), summary.out());
    }

    @Test
    void trustSummaryEndsWithWhatChangesOnUpdateFromHead(@TempDir Path dir) throws Exception {
        try (TestRepo repo = new TestRepo(dir)) {
            String commit = repo.write("demo/pack.yaml", PACK).commit();
            repo.write("demo/pack.yaml", PACK + "permissions:\n  - id: network\n    reason: Calls api.example.com\n");
            Run r = run("trust-summary", repo.dir.resolve("demo").toString());
            assertEquals(0, r.exit());
            assertTrue(r.out().startsWith("━━━ Trust Summary ━━━\n"), r.out());
            assertTrue(r.out().endsWith("\n  On update:\n    Update from HEAD (" + commit.substring(0, 8) + ") to the files "
                    + "as they are now:\n" + UpdateDiffTest.UNCHANGED.replaceAll("(?m)^", "    ")
                    + "      Permissions added:\n        - network: Calls api.example.com\n"), r.out());
        }
    }

    @Test
    void checkBaseAddsNotesAndKeepsTheExitCode(@TempDir Path dir) throws Exception {
        try (TestRepo repo = new TestRepo(dir)) {
            repo.write("demo/pack.yaml", PACK).commit();
            Path pack = repo.dir.resolve("demo/pack.yaml");
            repo.write("demo/pack.yaml", PACK.replace("1.0.0", "1.1.0") + "permissions:\n"
                    + "  - id: network\n    reason: Calls api.example.com\n");
            Run text = run("check", "--base", "HEAD", repo.dir.toString());
            assertEquals(new Run(0, pack + ":6:9: note update-diff: Update adds permission network: Calls api.example.com;"
                    + " users will be asked to trust it\n" + pack + ":4:10: note update-diff: Update changes the version: "
                    + "1.0.0 → 1.1.0\n"), text);

            repo.write("demo/pack.yaml", PACK + "permissions:\n  - id: network\n    reason: Calls api.example.com\n"
                    + "  - id: gpu\n    reason: Runs on CUDA\n");
            JsonNode json = JsonMapper.builder().build().readTree(run("check", "--base", "HEAD", "--format", "json",
                    repo.dir.toString()).out());
            assertEquals("permission-unknown-id", json.get(0).get("code").asString());
            assertEquals("note", json.get(1).get("severity").asString());
            assertEquals("update-diff", json.get(1).get("code").asString());
            assertEquals("No update diff against HEAD: Astrid would refuse the pack as it is now: permissions[1].id must be "
                    + "one of [project_files, network, subprocess, environment, accelerator, external_services].",
                    json.get(1).get("message").asString());
            assertEquals(1, run("check", "--base", "HEAD", repo.dir.toString()).exit(), "the error, not the note, fails");
        }
    }

    @Test
    void checkBaseSarifHasNoteResultsOnTheChangedLines(@TempDir Path dir) throws Exception {
        try (TestRepo repo = new TestRepo(dir)) {
            repo.write("demo/pack.yaml", PACK + "permissions:\n  - id: subprocess\n    reason: Runs ffmpeg\n").commit();
            repo.write("demo/pack.yaml", PACK + "permissions:\n  - id: subprocess\n    reason: Runs ffmpeg\n"
                    + "  - id: network\n    reason: Calls api.example.com\n");
            Run r = run("check", "--base", "HEAD", "--format", "sarif", repo.dir.toString());
            assertEquals(0, r.exit());
            assertEquals(java.util.List.of(), dev.astrid.ls.cli.SarifTestAccess.schemaErrors(r.out()));
            JsonNode run = JsonMapper.builder().build().readTree(r.out()).get("runs").get(0);
            JsonNode note = run.get("results").get(0);
            assertEquals("update-diff", note.get("ruleId").asString());
            assertEquals("note", note.get("level").asString());
            assertEquals("update-diff", run.get("tool").get("driver").get("rules").get(note.get("ruleIndex").asInt())
                    .get("id").asString());
            assertEquals("Update adds permission network: Calls api.example.com; users will be asked to trust it",
                    note.get("message").get("text").asString());
            JsonNode region = note.get("locations").get(0).get("physicalLocation").get("region");
            assertEquals(8, region.get("startLine").asInt());
            assertEquals(9, region.get("startColumn").asInt());
        }
    }
}
