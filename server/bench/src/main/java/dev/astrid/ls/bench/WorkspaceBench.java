package dev.astrid.ls.bench;

import dev.astrid.ls.core.CancelChecker;
import dev.astrid.ls.core.Settings;
import dev.astrid.ls.service.LanguageService;
import dev.astrid.ls.workspace.Workspace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/** A cold scan of a 1,000-pack workspace (pack.yaml and one executor each), as the server does at start. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 5)
@Fork(1)
public class WorkspaceBench {
    Path root;

    @Setup
    public void setUp() throws IOException {
        root = Files.createTempDirectory("astrid-bench");
        for (int i = 0; i < 1000; i++) {
            Path pack = Files.createDirectories(root.resolve("pack_" + i + "/executors/fetch"));
            Files.writeString(pack.resolve("../../pack.yaml"), Generated.pack(40).replace("id: bench", "id: pack_" + i)
                    .replace("bench.", "pack_" + i + "."));
            Files.writeString(pack.resolve("executor.yaml"), "schema_version: 1\nid: pack_" + i + ".fetch\nname: Fetch\n"
                    + "version: 1.0.0\nkind: external\nisolation:\n  network: true\n  secrets_required: [OPENAI_API_KEY]\n");
        }
    }

    @Benchmark
    public int scan1000Packs() {
        Workspace ws = new Workspace();
        ws.addRoot(root); // files on disk are read only inside the workspace roots
        LanguageService service = new LanguageService(ws);
        List<Path> files = new ArrayList<>();
        ws.walk(root, files::add, false, problem -> { });
        int diagnostics = 0;
        for (Path f : files) {
            diagnostics += service.diagnose(Workspace.uri(f), Settings.DEFAULTS, CancelChecker.NEVER).size();
        }
        return diagnostics;
    }

    @TearDown
    public void tearDown() throws IOException {
        try (var files = Files.walk(root)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
