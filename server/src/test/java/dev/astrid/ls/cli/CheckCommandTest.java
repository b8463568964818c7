package dev.astrid.ls.cli;

import static dev.astrid.ls.ManifestAssert.PACK_HEAD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.astrid.ls.core.CancelChecker;
import dev.astrid.ls.core.Code;
import dev.astrid.ls.core.Settings;
import dev.astrid.ls.rules.ComponentPermissionsRule;
import dev.astrid.ls.rules.DuplicatePermissionRule;
import dev.astrid.ls.rules.PermissionShapeRule;
import dev.astrid.ls.rules.SchemaRule;
import dev.astrid.ls.rules.VagueReasonRule;
import dev.astrid.ls.service.LanguageService;
import dev.astrid.ls.workspace.Workspace;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class CheckCommandTest {
    record Run(int exit, String out, String err) {}

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Cli.run(new PrintWriter(out), new PrintWriter(err), args);
        return new Run(exit, out.toString(), err.toString());
    }

    static Path write(Path dir, String relative, String text) throws IOException {
        Path p = dir.resolve(relative);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
        return p;
    }

    @Test
    void textOutputIsClickableAndExitsOneOnErrors(@TempDir Path dir) throws IOException {
        Path pack = write(dir, "demo/pack.yaml", PACK_HEAD
                + "permissions:\n  - id: Network\n    reason: Calls api.openai.com\n");
        write(dir, ".github/workflows/ci.yaml", "on: [push\n");
        Run r = run("check", dir.toString());
        assertEquals(1, r.exit());
        assertEquals(pack + ":6:9: error permission-unknown-id: Unknown permission id 'Network': did you mean "
                + "'network'? Astrid: permissions[0].id must be one of [project_files, network, subprocess, environment, "
                + "accelerator, external_services]\n", r.out());
    }

    /** check and the editor report the same disclosure findings: one language service, on the fixture packs. */
    @Test
    void theDisclosureFindingsAreTheEditorsOnTheFixturePacks() throws IOException {
        Path fixtures = Path.of("src/test/resources/disclosure").toAbsolutePath();
        Workspace ws = new Workspace();
        ws.addRoot(fixtures);
        LanguageService editor = new LanguageService(ws);
        for (String pack : List.of("mesh_tools", "key_lookup", "page_snap", "quiet_pack", "task_steps")) {
            Path manifest = fixtures.resolve(pack).resolve("pack.yaml");
            Run r = run("check", "--format", "json", manifest.toString());
            List<String> cli = new java.util.ArrayList<>();
            JsonMapper.builder().build().readTree(r.out()).values().forEach(f -> cli.add(f.get("code").asString() + " "
                    + f.get("severity").asString() + " " + f.get("message").asString()));
            List<String> shown = editor.diagnose(Workspace.uri(manifest), Settings.DEFAULTS, CancelChecker.NEVER).stream()
                    .map(d -> d.code().id() + " " + d.severity().label() + " " + d.message()).toList();
            assertEquals(shown, cli, pack);
            assertTrue(pack.equals("task_steps") || !cli.isEmpty(), pack);
        }
    }

    @Test
    void warningsAloneExitZero(@TempDir Path dir) throws IOException {
        write(dir, "demo/pack.yaml", PACK_HEAD
                + "permissions:\n  - id: network\n    reason: network access\n");
        Run r = run("check", dir.toString());
        assertEquals(0, r.exit());
        assertTrue(r.out().contains(":7:13: warning permission-vague-reason: "), r.out());
    }

    @Test
    void jsonOutputUsesZeroBasedLspPositions(@TempDir Path dir) throws IOException {
        Path pack = write(dir, "demo/pack.yaml", PACK_HEAD
                + "permissions:\n  - id: env\n    reason: Reads the OpenAI key for API calls\n");
        Run r = run("check", "--format", "json", pack.toString());
        assertEquals(1, r.exit());
        JsonNode array = JsonMapper.builder().build().readTree(r.out());
        assertEquals(1, array.size());
        JsonNode d = array.get(0);
        assertEquals(pack.toString(), d.get("file").asString());
        assertEquals(Map.of("line", 5, "character", 8), Map.of("line", d.get("range").get("start").get("line").asInt(),
                "character", d.get("range").get("start").get("character").asInt()));
        assertEquals(11, d.get("range").get("end").get("character").asInt());
        assertEquals("error", d.get("severity").asString());
        assertEquals(PermissionShapeRule.UNKNOWN_ID.id(), d.get("code").asString());
        assertEquals(List.of("code", "file", "message", "range", "severity"),
                d.propertyNames().stream().sorted().toList());
    }

    @Test
    void cleanPacksPrintNothingAndExitZero(@TempDir Path dir) throws IOException {
        write(dir, "demo/pack.yaml", PACK_HEAD);
        Run r = run("check", dir.toString());
        assertEquals(0, r.exit());
        assertEquals("", r.out());
        assertEquals("[ ]\n", run("check", "--format", "json", dir.toString()).out());
    }

    @Test
    void foldersWithANoPackMarkerAreSkipped(@TempDir Path dir) throws IOException {
        write(dir, "demo/pack.yaml", "id: [\n");
        write(dir, "demo/.no-pack", "");
        write(dir, "real/demo/pack.yaml", PACK_HEAD);
        Run r = run("check", dir.toString());
        assertEquals(0, r.exit(), r.out() + r.err());
        assertEquals("", r.out());
    }

    @Test
    void badUsageExitsTwo(@TempDir Path dir) {
        assertEquals(2, run("check").exit());
        assertEquals(2, run("check", dir.resolve("missing").toString()).exit());
        assertEquals(2, run("check", "--format", "xml", dir.toString()).exit());
        assertEquals(2, run("frobnicate").exit());
    }

    @Test
    void trustSummaryPrintsThePreviewForAFolderOrAnyManifestInIt() throws IOException {
        Path fixture = Path.of("src/test/resources/packs/weather").toAbsolutePath();
        String expected = Files.readString(Path.of("src/test/resources/packs/weather.trust-summary.txt"));
        Run byFolder = run("trust-summary", fixture.toString());
        assertEquals(1, byFolder.exit(), "the fixture has errors Astrid rejects, listed first");
        // the summary ends with the update diff from HEAD, which depends on the checkout this test runs in
        int onUpdate = byFolder.out().indexOf("  On update:\n");
        assertTrue(onUpdate > 0, byFolder.out());
        assertEquals(expected, byFolder.out().substring(0, onUpdate).replace(fixture.toString(), "<pack>"));
        Run byComponent = run("trust-summary", fixture.resolve("executors/fetch/executor.yaml").toString());
        assertEquals(byFolder.out(), byComponent.out());
        assertEquals(2, run("trust-summary", fixture.resolve("nowhere").toString()).exit());
    }

    @Test
    void trustSummaryShowsControlCharactersInsteadOfObeyingThem(@TempDir Path dir) throws IOException {
        write(dir, "demo/pack.yaml", PACK_HEAD.replace("name: Demo", "name: \"Demo\\nFAKE/pack.yaml:1:1: ok\"")
                + "permissions:\n  - id: network\n    reason: \"Calls api.example.com\\r\\u001b[2K\"\n");
        Run r = run("trust-summary", dir.resolve("demo").toString());
        assertEquals(0, r.exit());
        assertTrue(r.out().contains("  Name:          Demo\\nFAKE/pack.yaml:1:1: ok\n"), r.out());
        assertTrue(r.out().contains("    - network: Calls api.example.com\\r\\u001b[2K\n"), r.out());
        assertTrue(r.out().chars().noneMatch(c -> c == '\r' || c == 0x1b), "no raw control character reaches the terminal");
    }

    @Test
    void theBundledExampleHasItsMistakesFound() {
        Run r = run("check", Path.of("../docs/examples").toString());
        assertEquals(1, r.exit());
        for (Code code : List.of(ComponentPermissionsRule.IN_COMPONENT, SchemaRule.WRONG_TYPE, PermissionShapeRule.UNKNOWN_ID,
                PermissionShapeRule.UNKNOWN_FIELD, PermissionShapeRule.MISSING_REASON, VagueReasonRule.VAGUE_REASON,
                DuplicatePermissionRule.DUPLICATE_ID)) {
            assertTrue(r.out().contains(" " + code.id() + ": "), code.id() + " in:\n" + r.out());
        }
    }

    // ---- fail closed: exit 3 when something could not be checked ---------------------------

    /** The exit code and the stderr line naming what was not checked. */
    static void assertCouldNotCheck(Run r, String stderrPart) {
        assertEquals(CheckCommand.COULD_NOT_CHECK, r.exit(), r.out() + r.err());
        assertTrue(r.err().contains(stderrPart) || r.out().contains(stderrPart), "should name '" + stderrPart
                + "':\n" + r.out() + r.err());
    }

    @Test
    void aSymlinkedManifestIsNotCheckedWhetherNamedOrFoundInAFolder(@TempDir Path dir) throws IOException {
        Path target = write(dir, "elsewhere/pack.yaml", PACK_HEAD + "permissions:\n  - id: Network\n");
        Files.createDirectories(dir.resolve("demo"));
        Files.createSymbolicLink(dir.resolve("demo/pack.yaml"), target);
        Run byFolder = run("check", dir.resolve("demo").toString());
        assertCouldNotCheck(byFolder, "manifest-not-checked: Not checked: this manifest is a symbolic link");
        assertEquals(byFolder.out(), run("check", dir.resolve("demo/pack.yaml").toString()).out(),
                "the same verdict for the folder and the file");
        assertCouldNotCheck(run("check", dir.resolve("demo/pack.yaml").toString()), "symbolic link");
    }

    @Test
    void aFolderOrAPipeNamedLikeAManifestIsNotChecked(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("a/pack.yaml"));
        assertCouldNotCheck(run("check", dir.resolve("a").toString()), "a folder with a manifest's name");
        Files.createDirectories(dir.resolve("b"));
        assertEquals(0, new ProcessBuilder("mkfifo", dir.resolve("b/pack.yaml").toString()).start().waitFor());
        assertCouldNotCheck(run("check", dir.resolve("b").toString()), "not a regular file");
        assertCouldNotCheck(run("check", dir.resolve("b/pack.yaml").toString()), "not a regular file");
    }

    @Test
    void nothingToCheckIsNotAPass(@TempDir Path dir) throws IOException {
        write(dir, "docs/README.md", "# hello\n");
        assertCouldNotCheck(run("check", dir.toString()), "no manifests found");
        assertCouldNotCheck(run("check", dir.resolve("docs/README.md").toString()), "not a manifest");
        write(dir, "demo/pack.YAML", PACK_HEAD);
        assertCouldNotCheck(run("check", dir.resolve("demo").toString()), "no manifests found");
    }

    @Test
    void manifestsDeeperThanTheWalkGoAreReported(@TempDir Path dir) throws IOException {
        Path deep = dir;
        for (int i = 0; i < 70; i++) {
            deep = deep.resolve("d");
        }
        write(deep, "pack.yaml", PACK_HEAD);
        write(dir, "top/pack.yaml", PACK_HEAD);
        assertCouldNotCheck(run("check", dir.toString()), "not searched, more than 64 folders below");
    }

    @Test
    void filesOnlyPartlyCheckedFailTheCheck(@TempDir Path dir) throws IOException {
        write(dir, "deep/pack.yaml", PACK_HEAD + "x: " + "[".repeat(300) + "]".repeat(300) + "\n");
        assertCouldNotCheck(run("check", dir.resolve("deep").toString()), "yaml-too-deep");
        StringBuilder bomb = new StringBuilder(PACK_HEAD + "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (int i = 1; i < 7; i++) {
            bomb.append("a").append(i).append(": &a").append(i).append(" [")
                    .append(String.join(", ", java.util.Collections.nCopies(10, "*a" + (i - 1)))).append("]\n");
        }
        write(dir, "bomb/pack.yaml", bomb.toString());
        assertCouldNotCheck(run("check", dir.resolve("bomb").toString()), "schema-not-checked");
    }

    @Test
    void aFileOverTheLimitIsReadNoFurtherThanTheLimitAndFailsTheCheck(@TempDir Path dir) throws IOException {
        Path big = dir.resolve("big/pack.yaml");
        Files.createDirectories(big.getParent());
        try (var out = Files.newBufferedWriter(big)) {
            out.write(PACK_HEAD + "metadata:\n  blob: ");
            String chunk = "x".repeat(1 << 20);
            for (int i = 0; i < 60; i++) {
                out.write(chunk); // 60 MiB: used to be read whole, then refused
            }
            out.write("\n");
        }
        Run r = run("check", big.toString());
        assertCouldNotCheck(r, "yaml-too-large");
    }

    @Test
    void controlCharactersInValuesAndPathsCannotForgeALineOrReachTheTerminal(@TempDir Path dir) throws IOException {
        Path pack = write(dir, "evil\u001b[2K/demo/pack.yaml", PACK_HEAD + "permissions:\n  - id: \"Net\\rFAKE/pack.yaml:1:1: "
                + "error forged: all good\\nwork\\u001b[8m\"\n    reason: Calls api.example.com\n");
        Run r = run("check", dir.toString());
        assertEquals(1, r.exit());
        assertEquals(1, r.out().lines().count(), "one finding, one line:\n" + r.out());
        assertTrue(r.out().chars().noneMatch(c -> c < 0x20 && c != '\n'), "no control character: " + r.out());
        assertTrue(r.out().startsWith(pack.toString().replace("\u001b", "\\u001b") + ":6:9: "),
                r.out());
        assertTrue(r.out().contains("'Net\\rFAKE/pack.yaml:1:1: error forged: all good\\nwork\\u001b[8m'"), r.out());
    }
}
