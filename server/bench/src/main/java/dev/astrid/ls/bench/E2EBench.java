package dev.astrid.ls.bench;

import dev.astrid.ls.testkit.LspFrames;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Speaks LSP over stdio to server processes exactly as an editor does, and times what a user
 * feels: start-up, first diagnostics, keystroke to diagnostics, hover, completion; plus peak RSS.
 * Runs this project's server and yaml-language-server (configured with this project's schemas)
 * on the same generated manifest in the same run.
 *
 * <pre>E2EBench --schemas DIR --lines N --edits N --server NAME=COMMAND [--server NAME=COMMAND]…</pre>
 * The first server is "ours"; every other is compared with it. A name starting with "startup:"
 * is only measured for start-up (to compare launch flags). Ours is also timed on a pack with
 * 10,000 lines of Python: a keystroke in one of its modules to the pack manifest's diagnostics.
 */
public final class E2EBench {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    public static void main(String[] args) throws Exception {
        Path schemas = null;
        int lines = 1000;
        int edits = 60;
        Map<String, String> servers = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--schemas" -> schemas = Path.of(args[++i]).toAbsolutePath();
                case "--lines" -> lines = Integer.parseInt(args[++i]);
                case "--edits" -> edits = Integer.parseInt(args[++i]);
                case "--server" -> {
                    String[] kv = args[++i].split("=", 2);
                    servers.put(kv[0], kv[1]);
                }
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        Path work = Files.createTempDirectory("astrid-e2e");
        Path pack = Files.createDirectories(work.resolve("bench")).resolve("pack.yaml");
        Files.writeString(pack, Generated.pack(lines));
        System.out.printf("%d-line manifest, %d keystrokes, %d cores%n%n", lines, edits,
                Runtime.getRuntime().availableProcessors());

        Map<String, Map<String, String>> results = new LinkedHashMap<>();
        for (var e : servers.entrySet()) {
            Map<String, String> r = new LinkedHashMap<>();
            r.put("spawn → initialize (median of 7)", ms(startup(e.getValue(), 7)));
            if (!e.getKey().startsWith("startup:")) {
                session(e.getValue(), pack, schemas, edits, r);
            }
            if (results.isEmpty()) {
                codeSession(e.getValue(), lines, edits, r);
            }
            results.put(e.getKey(), r);
            System.out.println(e.getKey() + ": " + r);
        }
        print(results);
    }

    // ---- measurements -------------------------------------------------------------------------

    static double startup(String command, int runs) throws Exception {
        List<Double> times = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            try (Peer p = new Peer(command)) {
                p.request("initialize", initializeParams(null));
                times.add((System.nanoTime() - t0) / 1e6);
            }
        }
        return percentile(times, 50);
    }

    /** Fresh sessions timed from didOpen: single events, so the median of a few is reported. */
    static final int COLD_OPENS = 5;

    static void session(String command, Path pack, Path schemas, int edits, Map<String, String> r) throws Exception {
        String uri = pack.toUri().toString();
        String text = Files.readString(pack);
        int idLine = lineOf(text, "  - id: network");
        List<Double> opens = new ArrayList<>();
        List<Double> firstHovers = new ArrayList<>();
        List<Double> firstCompletions = new ArrayList<>();
        JsonNode first = null;
        for (int i = 0; i < COLD_OPENS; i++) {
            try (Peer p = open(command, pack, schemas)) {
                long t0 = System.nanoTime();
                first = p.didOpen(uri, text);
                opens.add((System.nanoTime() - t0) / 1e6);
                // The first requests after opening run cold code: what the user feels on the first hover.
                firstHovers.add(time(p, "textDocument/hover", position(uri, idLine, 10)));
                firstCompletions.add(time(p, "textDocument/completion", position(uri, idLine, 10)));
            }
        }
        String cold = " (median of " + COLD_OPENS + ")";
        r.put("didOpen → first diagnostics" + cold, ms(percentile(opens, 50)) + " (" + first.get("diagnostics").size()
                + " diagnostics)");
        int widest = 0;
        for (JsonNode d : first.get("diagnostics").values()) {
            widest = Math.max(widest, d.at("/range/end/line").asInt() - d.at("/range/start/line").asInt() + 1);
        }
        r.put("widest diagnostic (lines)", widest + " of " + text.split("\n", -1).length);
        r.put("first hover after open" + cold, ms(percentile(firstHovers, 50)));
        r.put("first completion after open" + cold, ms(percentile(firstCompletions, 50)));

        try (Peer p = open(command, pack, schemas)) {
            p.didOpen(uri, text);
            // keystrokes: type and delete one character in a reason, waiting for each version's diagnostics
            int line = lineOf(text, "reason: Calls api.openai.com");
            int col = text.split("\n", -1)[line].indexOf("Calls") + 5;
            List<Double> keys = new ArrayList<>();
            for (int v = 2; v < 2 + edits; v++) {
                boolean insert = v % 2 == 0;
                ObjectNode range = range(line, col, line, insert ? col : col + 1);
                ObjectNode change = JSON.createObjectNode().put("text", insert ? "x" : "");
                change.set("range", range);
                ObjectNode params = JSON.createObjectNode();
                params.set("textDocument", JSON.createObjectNode().put("uri", uri).put("version", v));
                params.set("contentChanges", JSON.createArrayNode().add(change));
                long k0 = System.nanoTime();
                p.notify("textDocument/didChange", params);
                p.diagnostics(uri, v, 30_000);
                keys.add((System.nanoTime() - k0) / 1e6);
            }
            r.put("keystroke → diagnostics p50 / p95", pair(keys));

            List<Double> hovers = times(p, 50, "textDocument/hover", position(uri, idLine, 10));
            List<Double> completions = times(p, 50, "textDocument/completion", position(uri, idLine, 10));
            r.put("hover p50 / p95", pair(hovers));
            r.put("completion p50 / p95", pair(completions));
            r.put("slowest request", ms(Math.max(percentile(hovers, 100), percentile(completions, 100))));
            r.put("peak RSS", p.peakRssMiB() + " MiB");
            p.request("shutdown", null);
        }
    }

    /**
     * A pack with 10,000 lines of Python on disk ({@link DisclosureBench}'s modules) and one small
     * module open: each keystroke changes one letter of the variable it reads, and is timed to the
     * pack manifest's diagnostics naming the new variable (the manifest itself is not touched).
     */
    static void codeSession(String command, int lines, int edits, Map<String, String> r) throws Exception {
        Path root = Files.createDirectories(Files.createTempDirectory("astrid-e2e-code").resolve("bench"));
        Path pack = root.resolve("pack.yaml");
        Files.writeString(pack, Generated.pack(lines));
        for (int i = 0; i < DisclosureBench.MODULES; i++) {
            Path module = Files.createDirectories(root.resolve("actions/a" + i)).resolve("run.py");
            Files.writeString(module, Generated.python(i, DisclosureBench.LINES / DisclosureBench.MODULES));
        }
        String code = "import os\n\nKEY = os.environ[\"EDIT_A_TOKEN\"]\n";
        Path edited = Files.createDirectories(root.resolve("tools")).resolve("keys.py");
        Files.writeString(edited, code);
        String packUri = pack.toUri().toString();
        String codeUri = edited.toUri().toString();
        try (Peer p = open(command, pack, null)) {
            long t0 = System.nanoTime();
            p.didOpen(packUri, Files.readString(pack));
            r.put("didOpen → diagnostics, 10,000 lines of Python", ms((System.nanoTime() - t0) / 1e6));
            ObjectNode item = JSON.createObjectNode().put("uri", codeUri).put("languageId", "python").put("version", 1)
                    .put("text", code);
            p.notify("textDocument/didOpen", JSON.createObjectNode().set("textDocument", item));
            p.diagnosticsNaming(packUri, "EDIT_A_TOKEN", 30_000);
            int col = code.split("\n")[2].indexOf("EDIT_") + "EDIT_".length();
            List<Double> keys = new ArrayList<>();
            for (int v = 2; v < 2 + edits; v++) {
                String letter = String.valueOf((char) ('A' + (v - 1) % 26));
                ObjectNode change = JSON.createObjectNode().put("text", letter);
                change.set("range", range(2, col, 2, col + 1));
                ObjectNode params = JSON.createObjectNode();
                params.set("textDocument", JSON.createObjectNode().put("uri", codeUri).put("version", v));
                params.set("contentChanges", JSON.createArrayNode().add(change));
                long k0 = System.nanoTime();
                p.notify("textDocument/didChange", params);
                p.diagnosticsNaming(packUri, "EDIT_" + letter + "_TOKEN", 30_000);
                keys.add((System.nanoTime() - k0) / 1e6);
            }
            r.put("keystroke in a .py → pack diagnostics p50 / p95", pair(keys));
            p.request("shutdown", null);
        }
    }

    /** A server started and initialized as an editor does, with the workspace around the manifest. */
    static Peer open(String command, Path pack, Path schemas) throws Exception {
        Peer p = new Peer(command);
        p.configuration = yamlSettings(schemas);
        p.request("initialize", initializeParams(pack.getParent().getParent().toUri().toString()));
        p.notify("initialized", JSON.createObjectNode());
        p.notify("workspace/didChangeConfiguration", JSON.createObjectNode().set("settings", p.configuration));
        return p;
    }

    static double time(Peer p, String method, ObjectNode params) throws Exception {
        long t0 = System.nanoTime();
        p.request(method, params);
        return (System.nanoTime() - t0) / 1e6;
    }

    static List<Double> times(Peer p, int n, String method, ObjectNode params) throws Exception {
        List<Double> out = new ArrayList<>();
        for (int i = 0; i < n + 5; i++) {
            long t0 = System.nanoTime();
            p.request(method, params);
            if (i >= 5) { // the first few warm up both sides
                out.add((System.nanoTime() - t0) / 1e6);
            }
        }
        return out;
    }

    // ---- reporting ----------------------------------------------------------------------------

    static void print(Map<String, Map<String, String>> results) {
        List<String> names = new ArrayList<>(results.keySet());
        List<String> metrics = new ArrayList<>();
        results.values().forEach(m -> m.keySet().forEach(k -> {
            if (!metrics.contains(k)) {
                metrics.add(k);
            }
        }));
        StringBuilder sb = new StringBuilder(String.format("%n| %-34s |", "metric"));
        names.forEach(n -> sb.append(String.format(" %-26s |", n)));
        sb.append(names.size() > 1 ? String.format(" %-28s |%n", "ratio " + names.get(0) + " / other") : "\n");
        sb.append("|").append("-".repeat(36)).append("|");
        names.forEach(n -> sb.append("-".repeat(28)).append("|"));
        sb.append(names.size() > 1 ? "-".repeat(30) + "|\n" : "\n");
        for (String metric : metrics) {
            sb.append(String.format("| %-34s |", metric));
            for (String n : names) {
                sb.append(String.format(" %-26s |", results.get(n).getOrDefault(metric, "")));
            }
            if (names.size() > 1) {
                List<String> ratios = new ArrayList<>();
                String ours = results.get(names.get(0)).get(metric);
                for (String n : names.subList(1, names.size())) {
                    String other = results.get(n).get(metric);
                    if (ours != null && other != null) {
                        ratios.add(ratio(ours, other));
                    }
                }
                sb.append(String.format(" %-28s |", String.join(", ", ratios)));
            }
            sb.append('\n');
        }
        System.out.println(sb);
    }

    static String ratio(String a, String b) {
        double[] x = numbers(a);
        double[] y = numbers(b);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < Math.min(x.length, y.length); i++) {
            out.add(y[i] == 0 ? "-" : String.format("%.2f", x[i] / y[i]));
        }
        return String.join(" / ", out);
    }

    static double[] numbers(String s) {
        String head = s.contains("(") ? s.substring(0, s.indexOf('(')) : s;
        return java.util.Arrays.stream(head.split("/")).map(t -> t.replaceAll("[^0-9.]", ""))
                .filter(t -> !t.isEmpty()).mapToDouble(Double::parseDouble).toArray();
    }

    static String ms(double v) {
        return String.format("%.1f ms", v);
    }

    static String pair(List<Double> values) {
        return String.format("%.1f / %.1f ms", percentile(values, 50), percentile(values, 95));
    }

    static double percentile(List<Double> values, int p) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(null);
        int i = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(i, sorted.size() - 1)));
    }

    // ---- protocol -----------------------------------------------------------------------------

    static int lineOf(String text, String needle) {
        String before = text.substring(0, text.indexOf(needle));
        return (int) before.chars().filter(c -> c == '\n').count();
    }

    static ObjectNode range(int l1, int c1, int l2, int c2) {
        ObjectNode r = JSON.createObjectNode();
        r.set("start", JSON.createObjectNode().put("line", l1).put("character", c1));
        r.set("end", JSON.createObjectNode().put("line", l2).put("character", c2));
        return r;
    }

    static ObjectNode position(String uri, int line, int character) {
        ObjectNode p = JSON.createObjectNode();
        p.set("textDocument", JSON.createObjectNode().put("uri", uri));
        p.set("position", JSON.createObjectNode().put("line", line).put("character", character));
        return p;
    }

    static ObjectNode initializeParams(String rootUri) {
        ObjectNode p = JSON.createObjectNode();
        p.put("processId", ProcessHandle.current().pid());
        if (rootUri != null) {
            p.put("rootUri", rootUri);
            p.set("workspaceFolders", JSON.createArrayNode().add(JSON.createObjectNode().put("uri", rootUri)
                    .put("name", "bench")));
        }
        p.set("capabilities", JSON.readTree("""
                {"workspace": {"configuration": true, "workspaceFolders": true},
                 "textDocument": {"publishDiagnostics": {"versionSupport": true},
                   "hover": {"contentFormat": ["markdown", "plaintext"]},
                   "completion": {"completionItem": {"snippetSupport": true}}}}"""));
        return p;
    }

    /** yaml-language-server's settings, pointing our schemas at the manifest names; ignored by our server. */
    static ObjectNode yamlSettings(Path schemas) {
        ObjectNode yaml = JSON.createObjectNode().put("validate", true).put("hover", true).put("completion", true);
        if (schemas != null) {
            ObjectNode map = JSON.createObjectNode();
            map.set(schemas.resolve("pack.v1.schema.json").toUri().toString(), JSON.createArrayNode().add("pack.yaml"));
            yaml.set("schemas", map);
        }
        ObjectNode settings = JSON.createObjectNode();
        settings.set("yaml", yaml);
        return settings;
    }

    /** One server process and the JSON-RPC conversation with it. */
    static final class Peer implements AutoCloseable {
        final Process process;
        final OutputStream out;
        final BlockingQueue<JsonNode> responses = new LinkedBlockingQueue<>();
        final BlockingQueue<JsonNode> diagnostics = new LinkedBlockingQueue<>();
        final AtomicInteger ids = new AtomicInteger();
        volatile ObjectNode configuration = JSON.createObjectNode();

        Peer(String command) throws IOException {
            process = new ProcessBuilder("sh", "-c", "exec " + command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            out = process.getOutputStream();
            Thread reader = new Thread(() -> read(process.getInputStream()), "peer-reader");
            reader.setDaemon(true);
            reader.start();
        }

        void read(InputStream in) {
            try {
                for (String body = LspFrames.read(in); body != null; body = LspFrames.read(in)) {
                    JsonNode m = JSON.readTree(body);
                    if (m.has("method") && m.has("id")) {
                        answer(m); // a request from the server
                    } else if (m.has("method")) {
                        if (m.get("method").asString().equals("textDocument/publishDiagnostics")) {
                            diagnostics.add(m.get("params"));
                        }
                    } else {
                        responses.add(m);
                    }
                }
            } catch (IOException | RuntimeException e) {
                // the process ended
            }
        }

        void answer(JsonNode request) throws IOException {
            Object result = null;
            if (request.get("method").asString().equals("workspace/configuration")) {
                var items = JSON.createArrayNode();
                for (JsonNode i : request.path("params").path("items").values()) {
                    String section = i.path("section").asString("");
                    items.add(section.isEmpty() ? configuration : configuration.path(section.split("\\.")[0]));
                }
                result = items;
            }
            ObjectNode reply = JSON.createObjectNode().put("jsonrpc", "2.0");
            reply.set("id", request.get("id"));
            reply.set("result", result == null ? JSON.nullNode() : JSON.valueToTree(result));
            write(reply);
        }

        void write(JsonNode message) throws IOException {
            LspFrames.write(out, JSON.writeValueAsString(message));
        }

        JsonNode request(String method, JsonNode params) throws Exception {
            int id = ids.incrementAndGet();
            ObjectNode m = JSON.createObjectNode().put("jsonrpc", "2.0").put("id", id).put("method", method);
            if (params != null) {
                m.set("params", params);
            }
            write(m);
            while (true) {
                JsonNode r = responses.poll(60, TimeUnit.SECONDS);
                if (r == null) {
                    throw new IllegalStateException("no answer to " + method);
                }
                if (r.path("id").asInt() == id) {
                    return r;
                }
            }
        }

        /** Opens the manifest and returns its first diagnostics. */
        JsonNode didOpen(String uri, String text) throws Exception {
            ObjectNode item = JSON.createObjectNode().put("uri", uri).put("languageId", "yaml").put("version", 1)
                    .put("text", text);
            notify("textDocument/didOpen", JSON.createObjectNode().set("textDocument", item));
            return diagnostics(uri, 1, 30_000);
        }

        void notify(String method, JsonNode params) throws IOException {
            ObjectNode m = JSON.createObjectNode().put("jsonrpc", "2.0").put("method", method);
            m.set("params", params);
            write(m);
        }

        /**
         * The diagnostics for a version: the one published with that version, or, from a server
         * that does not send versions, the next publication after the change.
         */
        JsonNode diagnostics(String uri, int version, long timeoutMs) throws Exception {
            return next(uri, d -> !d.has("version") || d.get("version").isNull() || d.get("version").asInt() == version,
                    "version " + version, timeoutMs);
        }

        /** The next diagnostics of the URI whose messages name this text (a publication that says what changed). */
        JsonNode diagnosticsNaming(String uri, String text, long timeoutMs) throws Exception {
            return next(uri, d -> d.get("diagnostics").toString().contains(text), "naming " + text, timeoutMs);
        }

        private JsonNode next(String uri, java.util.function.Predicate<JsonNode> wanted, String what, long timeoutMs)
                throws Exception {
            long deadline = System.currentTimeMillis() + timeoutMs;
            while (true) {
                JsonNode d = diagnostics.poll(Math.max(1, deadline - System.currentTimeMillis()), TimeUnit.MILLISECONDS);
                if (d == null) {
                    throw new IllegalStateException("no diagnostics " + what);
                }
                if (d.path("uri").asString().equals(uri) && wanted.test(d)) {
                    return d;
                }
            }
        }

        long peakRssMiB() throws IOException {
            for (String line : Files.readAllLines(Path.of("/proc/" + process.pid() + "/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
                }
            }
            return -1;
        }

        @Override
        public void close() throws Exception {
            try {
                notify("exit", JSON.nullNode());
            } catch (IOException ignored) {
                // already gone
            }
            if (!process.waitFor(3, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
