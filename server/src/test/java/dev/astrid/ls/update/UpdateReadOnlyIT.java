package dev.astrid.ls.update;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.astrid.ls.security.ReadOnlyServerIT;
import dev.astrid.ls.testkit.LspFrames;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar reading an update base in a fresh JVM, in a hostile setting: the repository
 * and the user's git configs name a program for every hook, filter and helper; PATH holds only
 * stand-ins for git, sh, gpg and ssh that would leave a mark; the environment points git
 * elsewhere. Nothing runs, nothing is written (HOME, temp dir, repository: JGit's first use in
 * a JVM is what would measure the file system with probe files), and the diff is right.
 */
class UpdateReadOnlyIT {
    /** A hostile setting: programs to run everywhere git would run one, and a repository whose HEAD lacks network. */
    record Hostile(Path outside, Path bin, Path home, Path temp, Path ws) {
        static Hostile in(Path tmp) throws Exception {
            Path outside = Files.createDirectories(tmp.resolve("outside"));
            Path program = UpdateLockdownTest.marker(outside);
            Path bin = Files.createDirectories(tmp.resolve("bin"));
            for (String name : List.of("git", "sh", "bash", "gpg", "gpg2", "ssh", "which")) {
                Files.copy(program, bin.resolve(name), java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
            }
            Path home = Files.createDirectories(tmp.resolve("home"));
            String hostile = UpdateLockdownTest.hostileConfig(program, outside.resolve("hooks"), null);
            Files.writeString(home.resolve(".gitconfig"), hostile);
            Files.createDirectories(home.resolve(".config/git"));
            Files.writeString(home.resolve(".config/git/config"), hostile);
            Path temp = Files.createDirectories(tmp.resolve("tmp"));
            Path ws = Files.createDirectories(tmp.resolve("ws"));
            try (TestRepo repo = new TestRepo(ws)) {
                repo.write("demo/pack.yaml", UpdateDiffTest.PACK).write("demo/.gitattributes", "* filter=evil\n").commit();
            }
            Files.writeString(ws.resolve(".git/config"), Files.readString(ws.resolve(".git/config")) + hostile);
            Files.writeString(ws.resolve("demo/pack.yaml"), UpdateDiffTest.PACK + "permissions:\n" + UpdateDiffTest.NETWORK);
            return new Hostile(outside, bin, home, temp, ws);
        }

        Process start(List<String> command) throws Exception {
            ProcessBuilder pb = new ProcessBuilder(Stream.concat(Stream.of(Path.of(System.getProperty("java.home"), "bin",
                    "java").toString(), "-XX:-UsePerfData", "-Djava.io.tmpdir=" + temp, "-Duser.home=" + home, "-jar",
                    ReadOnlyServerIT.JAR.toAbsolutePath().toString()), command.stream()).toList());
            Map<String, String> env = pb.environment();
            env.put("HOME", home.toString());
            env.put("TMPDIR", temp.toString());
            env.put("PATH", bin.toString());
            env.put("XDG_CONFIG_HOME", home.resolve(".config").toString());
            env.put("GIT_DIR", outside.toString()); // honoured, it would make the repository unreadable
            pb.directory(ws.toFile());
            if (command.isEmpty()) {
                pb.redirectError(ProcessBuilder.Redirect.DISCARD); // stdout is JSON-RPC
            } else {
                pb.redirectErrorStream(true);
            }
            return pb.start();
        }

        /** Nothing ran, and nothing was written in the repository, HOME or the temp dir. */
        void assertUntouched(Map<String, String> repoBefore, Map<String, String> homeBefore) throws Exception {
            assertFalse(Files.exists(outside.resolve("RAN")), "a program ran");
            assertEquals(repoBefore, ReadOnlyServerIT.snapshot(ws), "the repository changed");
            assertEquals(homeBefore, ReadOnlyServerIT.snapshot(home), "HOME changed");
            try (Stream<Path> left = Files.walk(temp).skip(1)) {
                assertEquals(List.of(), left.toList(), "files written in the temp dir");
            }
        }
    }

    @Test
    void theJarReadsTheBaseAndNothingElse(@TempDir Path tmp) throws Exception {
        Hostile h = Hostile.in(tmp);
        Map<String, String> repoBefore = ReadOnlyServerIT.snapshot(h.ws());
        Map<String, String> homeBefore = ReadOnlyServerIT.snapshot(h.home());

        for (List<String> command : List.of(List.of("trust-summary", "--diff", "HEAD", h.ws().resolve("demo").toString()),
                List.of("trust-summary", h.ws().resolve("demo").toString()),
                List.of("check", "--base", "HEAD", h.ws().toString()))) {
            Process p = h.start(command);
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(60, TimeUnit.SECONDS));
            assertEquals(0, p.exitValue(), out);
            assertTrue(out.contains("network: Calls api.example.com"), out);
        }
        h.assertUntouched(repoBefore, homeBefore);
    }

    /** The language server: its git thread reads the base of the opened pack; the lens and the note show it. */
    @Test
    void theServerReadsTheBaseAndNothingElse(@TempDir Path tmp) throws Exception {
        Hostile h = Hostile.in(tmp);
        Map<String, String> repoBefore = ReadOnlyServerIT.snapshot(h.ws());
        Map<String, String> homeBefore = ReadOnlyServerIT.snapshot(h.home());
        Process p = h.start(List.of());
        OutputStream in = p.getOutputStream();
        String pack = h.ws().resolve("demo/pack.yaml").toUri().toString();
        LspFrames.write(in, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"processId\":null,"
                + "\"rootUri\":\"" + h.ws().toUri() + "\",\"capabilities\":{}}}");
        LspFrames.write(in, "{\"jsonrpc\":\"2.0\",\"method\":\"initialized\",\"params\":{}}");
        LspFrames.write(in, "{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/didOpen\",\"params\":{\"textDocument\":{\"uri\":\""
                + pack + "\",\"languageId\":\"yaml\",\"version\":1,\"text\":\"" + (UpdateDiffTest.PACK + "permissions:\n"
                + UpdateDiffTest.NETWORK).replace("\n", "\\n") + "\"}}}");
        LspFrames.write(in, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"textDocument/codeLens\",\"params\":{"
                + "\"textDocument\":{\"uri\":\"" + pack + "\"}}}");
        List<String> messages = new java.util.ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        // both the note and the lens's answer, which may come in either order
        while ((messages.stream().noneMatch(m -> m.contains("update-adds-trust"))
                || messages.stream().noneMatch(m -> m.contains("\"id\":2"))) && System.nanoTime() < deadline) {
            String m = LspFrames.read(p.getInputStream());
            if (m == null) {
                break;
            }
            messages.add(m);
        }
        LspFrames.write(in, "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"shutdown\"}");
        LspFrames.write(in, "{\"jsonrpc\":\"2.0\",\"method\":\"exit\"}");
        messages.add(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        assertTrue(p.waitFor(20, TimeUnit.SECONDS));
        String all = String.join("\n", messages);
        assertTrue(all.contains("Update diff vs HEAD: +network"), all);
        assertTrue(all.contains("update-adds-trust"), all);
        h.assertUntouched(repoBefore, homeBefore);
    }
}
