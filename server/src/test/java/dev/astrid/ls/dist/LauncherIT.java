package dev.astrid.ls.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bin/astrid-pack-ls of the distribution built by {@code mvn package}, run as a user or an editor
 * runs it: how it finds Java, the flags it applies, the commands and the LSP handshake, also from
 * the unpacked zip and through a symlink (as package managers install it).
 */
public class LauncherIT {
    static final Path DIST = Path.of(System.getProperty("astrid.dist", "target/astrid-pack-ls")).toAbsolutePath();
    static final Path ZIP = Path.of(System.getProperty("astrid.zip", "")).toAbsolutePath();
    static final Path LAUNCHER = DIST.resolve("bin/astrid-pack-ls");
    static final String JAVA_HOME = System.getProperty("java.home");
    static final String VERSION = System.getProperty("astrid.version", "");

    @TempDir
    static Path tmp;
    /** A PATH with the tools the launcher needs and no java. */
    static String toolsOnly;

    @BeforeAll
    static void tools() throws IOException {
        Path bin = Files.createDirectories(tmp.resolve("tools"));
        for (String tool : List.of("dirname", "readlink", "sed", "head", "grep", "cat")) {
            Files.copy(which(tool), bin.resolve(tool), StandardCopyOption.COPY_ATTRIBUTES);
        }
        toolsOnly = bin.toString();
    }

    record Run(int exit, String out, String err) {}

    static Run run(Map<String, String> env, Path cwd, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(LAUNCHER.toString()));
        command.addAll(List.of(args));
        ProcessBuilder b = new ProcessBuilder(command).directory(cwd.toFile());
        b.environment().remove("JAVA_HOME");
        b.environment().remove("ASTRID_JAVA_HOME");
        b.environment().remove("JAVA_OPTS");
        b.environment().putAll(env);
        Process p = b.start();
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        byte[] err = p.getErrorStream().readAllBytes();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
    }

    static Run run(Map<String, String> env, String... args) throws Exception {
        return run(env, tmp, args);
    }

    /** A fake Java home whose bin/java prints {@code version} the way java -version does. */
    static Path fakeJava(String name, String version) throws IOException {
        Path home = tmp.resolve(name);
        Path java = Files.createDirectories(home.resolve("bin")).resolve("java");
        Files.writeString(java, "#!/bin/sh\necho 'openjdk version \"" + version + "\" 2019-01-15' >&2\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        return home;
    }

    @Test
    void printsTheVersionWithTheJavaItFinds() throws Exception {
        Run r = run(Map.of("ASTRID_JAVA_HOME", JAVA_HOME), "--version");
        assertEquals(0, r.exit(), r.err());
        assertEquals("astrid-pack-ls " + VERSION, r.out().strip());
        // on PATH, when neither ASTRID_JAVA_HOME nor JAVA_HOME is set
        Run onPath = run(Map.of("PATH", JAVA_HOME + "/bin:" + toolsOnly), "--version");
        assertEquals(0, onPath.exit(), onPath.err());
    }

    @Test
    void helpNamesTheModesAndTheEnvironmentWithoutNeedingJava() throws Exception {
        Run r = run(Map.of("PATH", toolsOnly), "--help");
        assertEquals(0, r.exit(), r.err());
        for (String word : List.of("--stdio", "check", "trust-summary", "--version", "ASTRID_JAVA_HOME", "JAVA_OPTS")) {
            assertTrue(r.out().contains(word), word + " in:\n" + r.out());
        }
    }

    @Test
    void noJavaIsAClearError() throws Exception {
        Run r = run(Map.of("PATH", toolsOnly), "--stdio");
        assertEquals(3, r.exit());
        assertEquals("", r.out(), "nothing on stdout, which an editor reads as JSON-RPC");
        assertTrue(r.err().contains("Java 17 or newer is needed. No Java was found in JAVA_HOME or on PATH."), r.err());
    }

    @Test
    void javaOlderThan17IsAClearError() throws Exception {
        Path java11 = fakeJava("jdk11", "11.0.2");
        Path java8 = fakeJava("jdk8", "1.8.0_392");
        Run viaHome = run(Map.of("PATH", java8.resolve("bin") + ":" + toolsOnly, "JAVA_HOME", java11.toString()), "check", ".");
        assertEquals(3, viaHome.exit());
        assertTrue(viaHome.err().contains("Found only: Java 11 at " + java11.resolve("bin/java") + "; Java 8 at "
                + java8.resolve("bin/java") + ";"), viaHome.err());

        Run explicit = run(Map.of("ASTRID_JAVA_HOME", java11.toString()), "--version");
        assertEquals(3, explicit.exit());
        assertTrue(explicit.err().contains("ASTRID_JAVA_HOME is " + java11 + ", which is Java 11; Java 17 or newer is needed."),
                explicit.err());
        Run missing = run(Map.of("ASTRID_JAVA_HOME", tmp.resolve("nowhere").toString(), "PATH", JAVA_HOME + "/bin:" + toolsOnly),
                "--version");
        assertEquals(3, missing.exit(), "an explicit choice is reported, never replaced by another Java");
        assertTrue(missing.err().contains("does not exist"), missing.err());
    }

    @Test
    void anOldJavaHomeFallsBackToJava17OnPath() throws Exception {
        Run r = run(Map.of("JAVA_HOME", fakeJava("jdk11-old", "11.0.2").toString(), "PATH", JAVA_HOME + "/bin:" + toolsOnly),
                "--version");
        assertEquals(0, r.exit(), r.err());
    }

    @Test
    void appliesJvmOptionsThenJavaOpts() throws Exception {
        Run r = run(Map.of("ASTRID_JAVA_HOME", JAVA_HOME, "JAVA_OPTS", "-XX:+PrintCommandLineFlags -Xmx256m"), "--version");
        assertEquals(0, r.exit(), r.err());
        String flags = r.out().lines().findFirst().orElse("");
        for (String flag : List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-XX:-UsePerfData", "-XX:ThreadStackSize=512")) {
            assertTrue(flags.contains(flag), flag + " from lib/jvm.options in " + flags);
        }
        assertTrue(flags.contains("-XX:MaxHeapSize=268435456"), "JAVA_OPTS comes last and wins: " + flags);
    }

    @Test
    void checkReadsPathsRelativeToTheCallersFolder() throws Exception {
        Path repo = Path.of("..").toAbsolutePath().normalize();
        Run r = run(Map.of("ASTRID_JAVA_HOME", JAVA_HOME), repo, "check", "docs/examples");
        assertEquals(1, r.exit(), "the example pack has errors on purpose\n" + r.err());
        assertTrue(r.out().startsWith("docs/examples/weather_report/"), r.out());
        Run summary = run(Map.of("ASTRID_JAVA_HOME", JAVA_HOME), repo, "trust-summary", "docs/examples/weather_report");
        assertEquals(1, summary.exit(), "Astrid would reject the example pack\n" + summary.err());
        assertTrue(summary.out().startsWith("✖ Astrid would reject this pack:") && summary.out().contains("weather_report"),
                summary.out());
    }

    @Test
    void stdioHandshakeWithTheClassDataSharingArchive() throws Exception {
        // -Xshare:on makes the JVM refuse to start unless it maps the archive the launcher passes.
        handshake(LAUNCHER, Map.of("ASTRID_JAVA_HOME", JAVA_HOME, "JAVA_OPTS", "-Xshare:on"), "--stdio");
        handshake(LAUNCHER, Map.of("ASTRID_JAVA_HOME", JAVA_HOME), "--stdio", "--clientProcessId=" + ProcessHandle.current().pid());
        handshake(LAUNCHER, Map.of("ASTRID_JAVA_HOME", JAVA_HOME));
    }

    @Test
    void theZipUnpacksToTheSameWorkingTreeAnywhereAndThroughASymlink() throws Exception {
        assertTrue(Files.isRegularFile(ZIP), "no zip at " + ZIP);
        Path unpacked = Files.createDirectories(tmp.resolve("unpacked"));
        Process unzip = new ProcessBuilder("unzip", "-q", ZIP.toString(), "-d", unpacked.toString()).inheritIO().start();
        assertEquals(0, unzip.waitFor());
        Path home = unpacked.resolve("astrid-pack-ls");
        for (String file : List.of("bin/astrid-pack-ls.cmd", "lib/astrid-pack-ls.jar", "lib/jvm.options", "lib/astrid-pack-ls.jsa",
                "docs/rules/permission-unknown-id.md")) {
            assertTrue(Files.isRegularFile(home.resolve(file)), file);
        }
        Path link = Files.createDirectories(tmp.resolve("package-manager/bin")).resolve("astrid-pack-ls");
        Files.createSymbolicLink(link, home.resolve("bin/astrid-pack-ls"));
        handshake(link, Map.of("ASTRID_JAVA_HOME", JAVA_HOME, "JAVA_OPTS", "-Xshare:on"), "--stdio");
    }

    /** initialize → a result naming the server and its version; shutdown, exit → exit code 0. */
    static void handshake(Path launcher, Map<String, String> env, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(launcher.toString()));
        command.addAll(List.of(args));
        ProcessBuilder b = new ProcessBuilder(command).directory(tmp.toFile()).redirectError(ProcessBuilder.Redirect.INHERIT);
        b.environment().remove("JAVA_OPTS");
        b.environment().putAll(env);
        Process p = b.start();
        OutputStream in = p.getOutputStream();
        send(in, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"processId\":null,\"capabilities\":{}}}");
        String init = frame(p.getInputStream());
        assertTrue(init.contains("\"serverInfo\":{\"name\":\"astrid-pack-ls\",\"version\":\"" + VERSION + "\"}"), init);
        send(in, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"shutdown\"}");
        assertTrue(frame(p.getInputStream()).contains("\"id\":2"));
        send(in, "{\"jsonrpc\":\"2.0\",\"method\":\"exit\"}");
        assertTrue(p.waitFor(20, TimeUnit.SECONDS), "the server exits after exit");
        assertEquals(0, p.exitValue());
    }

    /** Writes one LSP frame (also used by the other tests of the distribution's launcher). */
    public static void send(OutputStream out, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        out.write(("Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(body);
        out.flush();
    }

    /** The next LSP frame on stdout; anything else there fails. */
    public static String frame(InputStream stdout) throws IOException {
        StringBuilder header = new StringBuilder();
        while (!header.toString().endsWith("\r\n\r\n")) {
            int c = stdout.read();
            assertTrue(c >= 0, "stdout ended inside a header: " + header);
            header.append((char) c);
        }
        Matcher m = Pattern.compile("Content-Length: (\\d+)\r\n\r\n").matcher(header);
        assertTrue(m.matches(), "not an LSP header: " + header);
        return new String(stdout.readNBytes(Integer.parseInt(m.group(1))), StandardCharsets.UTF_8);
    }

    static Path which(String tool) {
        for (String dir : System.getenv("PATH").split(":")) {
            Path p = Path.of(dir, tool);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        throw new IllegalStateException(tool + " is not on PATH");
    }
}
