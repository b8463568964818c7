package dev.astrid.ls.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.astrid.ls.core.CancelChecker;
import dev.astrid.ls.core.Settings;
import dev.astrid.ls.rules.Rule;
import dev.astrid.ls.rules.RuleContext;
import dev.astrid.ls.rules.Rules;
import dev.astrid.ls.service.LanguageService;
import dev.astrid.ls.service.Snapshot;
import dev.astrid.ls.text.TextDocument;
import dev.astrid.ls.workspace.Workspace;
import dev.astrid.ls.yaml.YamlParser;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/**
 * Every rule and the parser cost time and memory in proportion to their input: for each hostile
 * shape of manifest, 10× the input may cost at most 12× the allocated bytes and 30× the time.
 * Measured robustly on a shared machine: this thread's CPU time (other processes and the
 * collector's threads do not count) and allocated bytes, the minimum of several runs after
 * warming up; costs too small to measure (under ten milliseconds or half a megabyte at 10×) are not compared.
 * This asserts growth, not speed.
 */
class ComplexityTest {
    static final String HEAD = "schema_version: 1\nid: demo\nname: Demo\nversion: 1.0.0\n";
    /**
     * Allocation is the exact signal (×10.0 for linear work). Time also pays for a log factor and for
     * a tree that no longer fits in the cache (×12–16 measured on a busy machine, ×24 for duplicate
     * keys in the full suite: 0.4 ms, cache-hot, against 10.4 ms with ×10.0 memory); quadratic work
     * shows as ×100.
     */
    static final double MAX_MEMORY_RATIO = 12;
    static final double MAX_TIME_RATIO = 30;
    static final int N = 1_000;
    static final String PACK = "file:///w/demo/pack.yaml";
    static final String EXECUTOR = "file:///w/demo/executors/x/executor.yaml";

    /** A shape: the manifests of one pack at size n, the file under test first. */
    record Shape(String name, IntFunction<Map<String, String>> files) {}

    static Map<String, String> pack(String text) {
        return files(PACK, text);
    }

    /** URI, text, URI, text…, in this order. */
    static Map<String, String> files(String... uriAndText) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < uriAndText.length; i += 2) {
            out.put(uriAndText[i], uriAndText[i + 1]);
        }
        return out;
    }

    static String repeat(int n, IntFunction<String> item) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append(item.apply(i));
        }
        return sb.toString();
    }

    static final List<Shape> SHAPES = List.of(
            new Shape("unknown keys", n -> pack(HEAD + repeat(n, i -> "key_" + i + ": value\n"))),
            new Shape("unknown keys on one flow line", n -> pack("{schema_version: 1, id: demo, name: Demo, "
                    + "version: 1.0.0" + repeat(n, i -> ", key_" + i + ": value") + "}\n")),
            new Shape("duplicate keys", n -> pack(HEAD + repeat(n, i -> "name: Demo " + i + "\n"))),
            new Shape("broken permissions", n -> pack(HEAD + "permissions:\n" + repeat(n, i -> "  - id: Network\n"
                    + "    reason: needed\n    acces: read\n    services: api.example.com\n  - id: network\n"))),
            new Shape("permissions on one flow line", n -> pack(HEAD + "permissions: [" + repeat(n, i ->
                    "{id: Network, reason: needed, services: [x, x]}, ") + "{id: network}]\n")),
            new Shape("secrets", n -> pack(HEAD.replace("schema_version: 1", "schema_version: 2") + "secrets:\n"
                    + repeat(n, i -> "  - name: secret_" + i + "_key\n") + "permissions:\n  - id: network\n    reason: "
                    + repeat(n, i -> "Sends UNDECLARED_" + i + "_TOKEN ") + "\n")),
            new Shape("tags and aliases", n -> pack(HEAD + "a: &a [x]\n" + repeat(n, i -> "t" + i + ": !custom "
                    + i + "\nr" + i + ": *a\n"))),
            new Shape("component", n -> files(EXECUTOR, "schema_version: 1\nid: other.x\nname: X\nversion: 1.0.0\n"
                    + "isolation:\n  network: true\n  secrets_required: [" + repeat(n, i -> "K" + i + "_KEY, ")
                    + "LAST_KEY]\npermissions:\n" + repeat(n, i -> "  - id: network\n    reason: Calls api" + i
                    + ".example.com\n") + repeat(n, i -> "extra_" + i + ": 1\n"),
                    PACK, HEAD + "permissions: []\n")),
            new Shape("many components", n -> {
                Map<String, String> files = new LinkedHashMap<>();
                files.put(PACK, HEAD + "permissions: []\n");
                for (int i = 0; i < n / 10; i++) {
                    files.put("file:///w/demo/executors/e" + i + "/executor.yaml", "schema_version: 1\nid: x.e" + i
                            + "\nname: E\nversion: 1.0.0\nkind: external\nisolation:\n  network: true\n"
                            + "  secrets_required: [E" + i + "_KEY]\n");
                }
                return files;
            }));

    record Cost(long nanos, long bytes) {}

    static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    /**
     * The cheapest of several runs of each after warming both up (cheap work runs more often, so
     * that the JIT has compiled it), interleaved so that both sizes see the same machine.
     */
    static Cost[] measure(Runnable small, Runnable large) {
        for (Runnable work : List.of(small, large)) {
            long started = System.nanoTime();
            for (int i = 0; i < 50 && (i < 2 || System.nanoTime() - started < 20_000_000); i++) {
                work.run();
            }
        }
        long[] nanos = {Long.MAX_VALUE, Long.MAX_VALUE};
        long[] bytes = {Long.MAX_VALUE, Long.MAX_VALUE};
        for (int i = 0; i < 10; i++) {
            int which = i % 2;
            long b0 = THREADS.getCurrentThreadAllocatedBytes();
            long t0 = THREADS.getCurrentThreadCpuTime();
            (which == 0 ? small : large).run();
            nanos[which] = Math.min(nanos[which], THREADS.getCurrentThreadCpuTime() - t0);
            bytes[which] = Math.min(bytes[which], THREADS.getCurrentThreadAllocatedBytes() - b0);
        }
        return new Cost[] {new Cost(nanos[0], bytes[0]), new Cost(nanos[1], bytes[1])};
    }

    /** How much more the large input cost, in time or in bytes; 0 when too small to compare. */
    static double ratio(Cost[] costs, boolean time) {
        return time ? (costs[1].nanos() > 10_000_000 ? (double) costs[1].nanos() / costs[0].nanos() : 0)
                : (costs[1].bytes() > 512 * 1024 ? (double) costs[1].bytes() / Math.max(1, costs[0].bytes()) : 0);
    }

    static Snapshot snapshot(Map<String, String> files) {
        Workspace ws = new Workspace();
        files.forEach((uri, text) -> ws.open(new TextDocument(uri, 1, text)));
        return new LanguageService(ws).snapshot(files.keySet().iterator().next()).orElseThrow();
    }

    /** What to measure on one shape's files: the parser, each rule, and all of them as the editor runs them. */
    static Map<String, Runnable> subjects(Map<String, String> files) {
        Snapshot s = snapshot(files);
        Map<String, Runnable> out = new LinkedHashMap<>();
        String text = files.values().iterator().next();
        out.put("parser", () -> YamlParser.parse(text));
        for (Rule rule : Rules.ALL) {
            out.put(rule.getClass().getSimpleName(), () ->
                    rule.check(new RuleContext(s.manifest(), s.pack(), Settings.DEFAULTS, CancelChecker.NEVER)));
        }
        LanguageService service = new LanguageService(new Workspace());
        out.put("all rules", () -> service.diagnose(s, Settings.DEFAULTS, CancelChecker.NEVER));
        return out;
    }

    @Test
    void tenTimesTheInputCostsAboutTenTimesForEveryRuleAndTheParser() {
        List<String> failures = new ArrayList<>();
        for (Shape shape : SHAPES) {
            long t0 = System.nanoTime();
            Map<String, Runnable> small = subjects(shape.files().apply(N));
            Map<String, Runnable> large = subjects(shape.files().apply(10 * N));
            for (String subject : small.keySet()) {
                Cost[] costs = measure(small.get(subject), large.get(subject));
                for (int retry = 0; retry < 4 && ratio(costs, true) > MAX_TIME_RATIO; retry++) {
                    costs = measure(small.get(subject), large.get(subject)); // a busy machine gets more looks
                }
                Cost a = costs[0];
                Cost b = costs[1];
                double time = ratio(costs, true);
                double memory = ratio(costs, false);
                if (time > MAX_TIME_RATIO || memory > MAX_MEMORY_RATIO) {
                    failures.add(String.format("%s, %s: ×%.1f time (%.1f → %.1f ms), ×%.1f memory (%d → %d KB)",
                            shape.name(), subject, time, a.nanos() / 1e6, b.nanos() / 1e6, memory,
                            a.bytes() / 1024, b.bytes() / 1024));
                }
            }
            System.out.printf("complexity: %s measured in %d ms%n", shape.name(), (System.nanoTime() - t0) / 1_000_000);
        }
        assertEquals(List.of(), failures, "costs that grow faster than the input");
    }
}
