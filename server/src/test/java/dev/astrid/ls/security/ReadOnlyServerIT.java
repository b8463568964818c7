package dev.astrid.ls.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.astrid.ls.testkit.LspFrames;
import dev.astrid.ls.testkit.Sandbox;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real server process over a workspace, with a fresh empty HOME and temp dir: it opens no
 * socket, writes nothing anywhere, and leaves the workspace byte for byte as it was.
 */
public class ReadOnlyServerIT {
    public static final Path JAR = Path.of(System.getProperty("astrid.jar", "target/astrid-pack-ls.jar"));

    @TempDir
    Path tmp;

    public static Map<String, String> snapshot(Path root) throws Exception {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : files.toList()) {
                String hash = Files.isRegularFile(p) ? HexFormat.of().formatHex(
                        MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p))) : "dir";
                out.put(root.relativize(p).toString(), hash + " " + Files.getLastModifiedTime(p));
            }
        }
        return out;
    }

    /**
     * The network sockets (TCP, UDP, raw; IPv4 or IPv6) the process holds. The JDK itself keeps an
     * unnamed local socket pair for closing files safely, which is not network access.
     */
    static List<String> networkSockets(long pid) throws IOException {
        List<String> inodes = new ArrayList<>();
        try (Stream<Path> fds = Files.list(Path.of("/proc/" + pid + "/fd"))) {
            for (Path fd : fds.toList()) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        inodes.add(target.substring(8, target.length() - 1));
                    }
                } catch (IOException gone) {
                    // the descriptor closed while we looked
                }
            }
        }
        List<String> out = new ArrayList<>();
        for (String table : List.of("tcp", "tcp6", "udp", "udp6", "raw", "raw6")) {
            Path file = Path.of("/proc/" + pid + "/net/" + table);
            if (!Files.exists(file)) {
                continue;
            }
            for (String line : Files.readAllLines(file)) {
                List<String> fields = List.of(line.trim().split("\\s+"));
                if (fields.size() > 9 && inodes.contains(fields.get(9))) {
                    out.add(table + " " + line.trim());
                }
            }
        }
        return out;
    }

    @Test
    void opensNoSocketAndWritesNothing() throws Exception {
        Path workspace = tmp.resolve("workspace");
        Path home = Files.createDirectories(tmp.resolve("home"));
        Path temp = Files.createDirectories(tmp.resolve("tmp"));
        try (Stream<Path> files = Files.walk(Path.of("src/test/resources/packs/weather"))) {
            for (Path f : files.toList()) {
                Path target = workspace.resolve("weather").resolve(Path.of("src/test/resources/packs/weather").relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target);
                }
            }
        }
        Map<String, String> before = snapshot(workspace);

        ProcessBuilder pb = new ProcessBuilder(Sandbox.command(List.of(Path.of(System.getProperty("java.home"), "bin",
                "java").toString(), "-XX:-UsePerfData", "-Djava.io.tmpdir=" + temp, "-Duser.home=" + home, "-jar",
                JAR.toAbsolutePath().toString())));
        pb.environment().put("HOME", home.toString());
        pb.environment().put("TMPDIR", temp.toString());
        pb.directory(workspace.toFile());
        pb.redirectError(ProcessBuilder.Redirect.DISCARD);
        Process p = pb.start();
        OutputStream in = p.getOutputStream();
        String root = workspace.toUri().toString();
        LspFrames.write(in, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"processId\":null,\"rootUri\":\""
                + root + "\",\"capabilities\":{\"window\":{\"workDoneProgress\":true}}}}");
        LspFrames.write(in, "{\"jsonrpc\":\"2.0\",\"method\":\"initialized\",\"params\":{}}");
        String pack = workspace.resolve("weather/pack.yaml").toUri().toString();
        LspFrames.write(in, "{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/didOpen\",\"params\":{\"textDocument\":{\"uri\":\"" + pack
                + "\",\"languageId\":\"yaml\",\"version\":1,\"text\":\"schema_version: 1\\nid: weather\\nname: W\\n"
                + "version: 1.0.0\\npermissions:\\n  - id: network\\n    reason: Calls api.open-meteo.com\\n\"}}}");
        LspFrames.write(in, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"textDocument/hover\",\"params\":{\"textDocument\":{\"uri\":\""
                + pack + "\"},\"position\":{\"line\":5,\"character\":10}}}");
        LspFrames.write(in, "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"workspace/executeCommand\",\"params\":{\"command\":"
                + "\"astrid.trustSummary\",\"arguments\":[\"" + pack + "\"]}}");
        List<String> seen = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            Thread.sleep(200);
            seen.addAll(networkSockets(p.pid()));
        }
        LspFrames.write(in, "{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"shutdown\"}");
        LspFrames.write(in, "{\"jsonrpc\":\"2.0\",\"method\":\"exit\"}");
        assertTrue(p.waitFor(20, TimeUnit.SECONDS));
        String stdout = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(stdout.contains("disclosure only") && stdout.contains("Trust Summary"), "the server did its work");
        assertEquals(0, p.exitValue());

        assertEquals(List.of(), seen, "network sockets held by the server process");
        try (Stream<Path> left = Files.walk(home).skip(1)) {
            assertEquals(List.of(), left.toList(), "files written under HOME");
        }
        try (Stream<Path> left = Files.walk(temp).skip(1)) {
            assertEquals(List.of(), left.toList(), "files written in the temp dir");
        }
        assertEquals(before, snapshot(workspace), "the workspace is unchanged");
    }
}
