package dev.astrid.ls.update;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.astrid.ls.security.ReadOnlyServerIT;
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
    @Test
    void theJarReadsTheBaseAndNothingElse(@TempDir Path tmp) throws Exception {
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
        Map<String, String> repoBefore = ReadOnlyServerIT.snapshot(ws);
        Map<String, String> homeBefore = ReadOnlyServerIT.snapshot(home);

        for (List<String> command : List.of(List.of("trust-summary", "--diff", "HEAD", ws.resolve("demo").toString()),
                List.of("check", "--base", "HEAD", ws.toString()))) {
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
            pb.redirectErrorStream(true);
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(60, TimeUnit.SECONDS));
            assertEquals(0, p.exitValue(), out);
            assertTrue(out.contains("network: Calls api.example.com"), out);
        }

        assertFalse(Files.exists(outside.resolve("RAN")), "a program ran");
        assertEquals(repoBefore, ReadOnlyServerIT.snapshot(ws), "the repository changed");
        assertEquals(homeBefore, ReadOnlyServerIT.snapshot(home), "HOME changed");
        try (Stream<Path> left = Files.walk(temp).skip(1)) {
            assertEquals(List.of(), left.toList(), "files written in the temp dir");
        }
    }
}
