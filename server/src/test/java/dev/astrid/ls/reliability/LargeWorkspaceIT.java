package dev.astrid.ls.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.astrid.ls.testkit.LspFrames;
import dev.astrid.ls.testkit.Sandbox;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged server as an editor runs it (its 128 MiB heap and flags) over a generated workspace
 * of {@code -Dastrid.largeWorkspace} manifests (default 10,000; the figures in performance.md are
 * for 200,000) and one 60 MB manifest: the scan ends with every manifest published, a keystroke is
 * answered, and the process lives. Prints the times and the peak memory; asserts none of them.
 */
class LargeWorkspaceIT {
    static final Path JAR = Path.of(System.getProperty("astrid.jar", "target/astrid-pack-ls.jar"));
    static final String PACK = "schema_version: 1\nid: %s\nname: P\nversion: 1.0.0\npermissions:\n"
            + "  - id: %s\n    reason: Runs ffmpeg to encode the forecast card\n";
    static final String EXECUTOR = "schema_version: 1\nid: %s.fetch\nname: Fetch\nversion: 1.0.0\nkind: external\n";

    @TempDir
    Path tmp;

    @Test
    void aLargeWorkspaceIsScannedWithinAnEditorsHeapAndKeystrokesStayFast() throws Exception {
        int manifests = Integer.getInteger("astrid.largeWorkspace", 10_000);
        int packs = manifests / 2 + 1;
        long t0 = System.nanoTime();
        for (int i = 0; i < manifests / 2; i++) {
            String id = "p" + i;
            Path dir = Files.createDirectories(tmp.resolve("group" + i / 1000).resolve(id).resolve("executors/fetch"));
            Files.writeString(dir.resolve("executor.yaml"), String.format(EXECUTOR, id));
            Files.writeString(dir.getParent().getParent().resolve("pack.yaml"),
                    String.format(PACK, id, i % 10 == 0 ? "Subprocess" : "subprocess"));
        }
        // and one 60 MB manifest, which must cost the scan nothing: it is not read past the parser's limit
        Path huge = Files.createDirectories(tmp.resolve("huge")).resolve("pack.yaml");
        try (var out = Files.newBufferedWriter(huge)) {
            out.write(String.format(PACK, "huge", "network") + "metadata:\n  blob: ");
            String chunk = "x".repeat(1 << 20);
            for (int i = 0; i < 60; i++) {
                out.write(chunk);
            }
            out.write("\n");
        }
        manifests++;
        System.out.printf("large workspace: %,d manifests written in %d ms%n", manifests,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));

        Process p = new ProcessBuilder(Sandbox.command(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-XX:-UsePerfData", "-Xss512k", "-Xms16m",
                "-Xmx128m", "-jar", JAR.toString()))).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        BlockingQueue<JsonObject> progress = new LinkedBlockingQueue<>();
        Map<String, JsonObject> last = new ConcurrentHashMap<>();
        BlockingQueue<JsonObject> versioned = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try {
                for (String m = LspFrames.read(p.getInputStream()); m != null; m = LspFrames.read(p.getInputStream())) {
                    JsonObject o = JsonParser.parseString(m).getAsJsonObject();
                    String method = o.has("method") ? o.get("method").getAsString() : "";
                    if (method.equals("$/progress")) {
                        progress.add(o);
                    } else if (method.equals("textDocument/publishDiagnostics")) {
                        JsonObject params = o.getAsJsonObject("params");
                        last.put(params.get("uri").getAsString(), params);
                        if (params.has("version") && !params.get("version").isJsonNull()) {
                            versioned.add(params);
                        }
                    } else if (method.equals("window/workDoneProgress/create")) {
                        LspFrames.write(p.getOutputStream(), "{\"jsonrpc\":\"2.0\",\"id\":" + o.get("id") + ",\"result\":null}");
                    }
                }
            } catch (IOException e) {
                // the process ended
            }
        });
        reader.setDaemon(true);
        reader.start();
        try {
            OutputStream in = p.getOutputStream();
            long started = System.nanoTime();
            LspFrames.write(in, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"processId\":null,"
                    + "\"rootUri\":\"" + tmp.toUri() + "\",\"capabilities\":{\"window\":{\"workDoneProgress\":true}}}}");
            LspFrames.write(in, "{\"jsonrpc\":\"2.0\",\"method\":\"initialized\",\"params\":{}}");
            String end = null;
            while (end == null) {
                JsonObject o = progress.poll(15, TimeUnit.MINUTES);
                assertTrue(o != null && p.isAlive(), "the scan ended, the server alive");
                JsonObject value = o.getAsJsonObject("params").getAsJsonObject("value");
                if (value.get("kind").getAsString().equals("end")) {
                    end = value.get("message").getAsString();
                }
            }
            long scanMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            assertTrue(end.startsWith(String.format("%d manifests in %d packs", manifests, packs)), end);
            long waited = System.nanoTime();
            while (last.size() < manifests && System.nanoTime() - waited < TimeUnit.SECONDS.toNanos(60)) {
                Thread.sleep(100);
            }
            assertEquals(manifests, last.size(), "every manifest published");
            String broken = tmp.resolve("group0/p10/pack.yaml").toUri().toString();
            assertTrue(last.get(broken).toString().contains("permission-unknown-id"), last.get(broken).toString());
            assertTrue(last.get(huge.toUri().toString()).toString().contains("yaml-too-large"));
            long scanHwm = peakKb(p.pid());

            // a keystroke in one pack of many: open the broken pack, fix the id, time its diagnostics
            String text = String.format(PACK, "p10", "Subprocess").replace("\n", "\\n");
            LspFrames.write(in, "{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/didOpen\",\"params\":{\"textDocument\":"
                    + "{\"uri\":\"" + broken + "\",\"languageId\":\"yaml\",\"version\":1,\"text\":\"" + text + "\"}}}");
            assertTrue(versioned.poll(60, TimeUnit.SECONDS) != null);
            long[] latencies = new long[20];
            for (int v = 2; v < 22; v++) {
                long k = System.nanoTime();
                String id = v % 2 == 0 ? "subprocess" : "Subprocess";
                LspFrames.write(in, "{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/didChange\",\"params\":{\"textDocument\":"
                        + "{\"uri\":\"" + broken + "\",\"version\":" + v + "},\"contentChanges\":[{\"text\":\""
                        + String.format(PACK, "p10", id).replace("\n", "\\n") + "\"}]}}");
                JsonObject d;
                do {
                    d = versioned.poll(60, TimeUnit.SECONDS);
                    assertTrue(d != null, "keystroke answered");
                } while (d.get("version").getAsInt() != v);
                latencies[v - 2] = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - k);
            }
            java.util.Arrays.sort(latencies);
            System.out.printf("large workspace: %,d manifests, scan %s in %,d ms, peak RSS after scan %,d KiB, "
                            + "keystroke -> diagnostics p50 %d ms, max %d ms (of 20), peak RSS %,d KiB%n",
                    manifests, end, scanMs, scanHwm, latencies[10], latencies[19], peakKb(p.pid()));
            assertTrue(p.isAlive(), "the server is alive");
            LspFrames.write(in, "{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"shutdown\"}");
            LspFrames.write(in, "{\"jsonrpc\":\"2.0\",\"method\":\"exit\"}");
            assertTrue(p.waitFor(30, TimeUnit.SECONDS));
            assertEquals(0, p.exitValue());
        } finally {
            p.destroyForcibly();
        }
    }

    /** Peak resident memory (VmHWM) in KiB, from /proc. */
    static long peakKb(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }
}
