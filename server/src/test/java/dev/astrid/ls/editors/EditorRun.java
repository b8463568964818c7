package dev.astrid.ls.editors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.astrid.ls.rules.PermissionShapeRule;
import dev.astrid.ls.rules.VagueReasonRule;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs an editor's end-to-end script from {@code src/test/editors} against the distribution's
 * launcher ({@code bin/astrid-pack-ls --stdio}, as the editor pages set it up), on a copy of
 * {@code fixtures/demo}, and returns the JSON the script wrote.
 *
 * <p>A missing editor skips the test, unless the environment variable {@code ASTRID_E2E=required}
 * (set it where the editors are installed, so that losing one fails the build).
 */
final class EditorRun {
    static final Path LAUNCHER = Path.of(System.getProperty("astrid.dist", "target/astrid-pack-ls"), "bin", "astrid-pack-ls")
            .toAbsolutePath();
    static final Path EDITORS = Path.of("src/test/editors").toAbsolutePath();
    static final Duration TIMEOUT = Duration.ofSeconds(120);
    /** Exit status of a script whose editor lacks what it needs (the LSP client package). */
    static final int UNAVAILABLE = 77;

    private EditorRun() {}

    /** The program found on PATH; otherwise skips the test, or fails it when e2e tests are required. */
    static Path onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, program);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        unavailable(program + " is not on PATH");
        return null;
    }

    static void unavailable(String why) {
        if ("required".equals(System.getenv("ASTRID_E2E"))) {
            fail(why + ", and ASTRID_E2E=required");
        }
        Assumptions.abort(why + " (set ASTRID_E2E=required to fail instead)");
    }

    /** Runs {@code command} in {@code dir} with a private HOME and XDG folders; returns its result.json. */
    static JsonObject run(Path dir, String... command) throws IOException, InterruptedException {
        assertTrue(Files.isExecutable(LAUNCHER), "no launcher at " + LAUNCHER + " (run mvn package first)");
        Path pack = dir.resolve("demo/pack.yaml");
        Path fixture = EDITORS.resolve("fixtures/demo");
        try (var files = Files.walk(fixture)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Path target = dir.resolve("demo").resolve(fixture.relativize(f).toString());
                Files.createDirectories(target.getParent());
                Files.copy(f, target);
            }
        }
        Path result = dir.resolve("result.json");
        Path log = dir.resolve("editor.log");
        Path home = Files.createDirectories(dir.resolve("home"));

        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.put("ASTRID_LAUNCHER", LAUNCHER.toString());
        // The Java that built the distribution, so that its class-data-sharing archive applies.
        env.put("ASTRID_JAVA_HOME", System.getProperty("java.home"));
        env.put("ASTRID_PACK", pack.toString());
        env.put("ASTRID_RESULT", result.toString());
        env.put("HOME", home.toString());
        for (String xdg : new String[] {"CONFIG", "DATA", "STATE", "CACHE"}) {
            env.put("XDG_" + xdg + "_HOME", home.resolve(xdg.toLowerCase(Locale.ROOT)).toString());
        }

        long start = System.nanoTime();
        Process p = builder.start();
        p.getOutputStream().close();
        if (!p.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            fail(command[0] + " timed out after " + TIMEOUT + ":\n" + Files.readString(log));
        }
        System.out.printf("%s e2e: exit %d in %d ms%n", command[0], p.exitValue(), (System.nanoTime() - start) / 1_000_000);
        if (p.exitValue() == UNAVAILABLE) {
            unavailable(Files.readString(log).strip());
        }
        if (p.exitValue() != 0 || !Files.exists(result)) {
            fail(command[0] + " exited " + p.exitValue() + ":\n" + Files.readString(log)
                    + (Files.exists(result) ? "\nresult: " + Files.readString(result) : ""));
        }
        return JsonParser.parseString(Files.readString(result)).getAsJsonObject();
    }

    /**
     * What every editor must have shown for fixtures/demo/pack.yaml, with settings
     * {@code astrid.severity: {permission-missing-reason: warning}}: 0-based ranges, LSP severities.
     */
    static void assertEditorSaw(JsonObject result) {
        Map<String, List<Integer>> diagnostics = new TreeMap<>();
        result.getAsJsonArray("diagnostics").forEach(e -> {
            JsonObject d = e.getAsJsonObject();
            diagnostics.put(d.get("code").getAsString(), List.of(d.get("severity").getAsInt(), d.get("line").getAsInt(),
                    d.get("character").getAsInt(), d.get("end_line").getAsInt(), d.get("end_character").getAsInt()));
        });
        assertEquals(Map.of(
                PermissionShapeRule.UNKNOWN_ID.id(), List.of(1, 5, 8, 5, 15),
                VagueReasonRule.VAGUE_REASON.id(), List.of(2, 8, 12, 8, 36),
                PermissionShapeRule.MISSING_REASON.id(), List.of(2, 9, 8, 9, 19)), diagnostics,
                "code -> [severity, line, character, end line, end character]");
        assertTrue(result.get("hover").getAsString().contains("disclosure only"), result.get("hover").toString());
        assertEquals(List.of("accelerator", "environment", "external_services", "network", "project_files", "subprocess"),
                result.getAsJsonArray("completion").asList().stream().map(JsonElement::getAsString).sorted().toList());
        assertTrue(result.get("trust_summary").getAsString().contains("Pack ID:       demo"), result.get("trust_summary").toString());
    }
}
