package dev.astrid.ls.bench;

import dev.astrid.ls.core.CancelChecker;
import dev.astrid.ls.core.Diagnostic;
import dev.astrid.ls.core.Settings;
import dev.astrid.ls.service.CompletionService;
import dev.astrid.ls.service.HoverService;
import dev.astrid.ls.service.LanguageService;
import dev.astrid.ls.service.Snapshot;
import dev.astrid.ls.text.TextDocument;
import dev.astrid.ls.workspace.Workspace;
import dev.astrid.ls.yaml.YamlDocument;
import dev.astrid.ls.yaml.YamlParser;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Parse;
import org.snakeyaml.engine.v2.events.Event;

/**
 * The language service on generated manifests of 100, 1,000 and 10,000 lines. {@code floorParse}
 * is a bare snakeyaml-engine event parse of the same text: the least any YAML tool must pay.
 * {@code fullCheck} re-parses and re-checks from the text each time, as a keystroke does.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ServiceBench {
    @Param({"100", "1000", "10000"})
    int lines;

    String text;
    String uri;
    int version;
    Workspace workspace;
    LanguageService service;
    int hoverOffset;
    int completionOffset;

    @Setup
    public void setUp() {
        text = Generated.pack(lines);
        uri = "file:///bench/bench/pack.yaml";
        workspace = new Workspace();
        service = new LanguageService(workspace);
        workspace.open(new TextDocument(uri, 0, text));
        hoverOffset = text.indexOf("id: network") + 6;
        completionOffset = text.indexOf("id: subprocess") + 6;
    }

    @Benchmark
    public void floorParse(Blackhole bh) {
        LoadSettings settings = LoadSettings.builder().setCodePointLimit(Integer.MAX_VALUE)
                .setBufferSize(text.length() + 1).build();
        for (Event e : new Parse(settings).parseString(text)) {
            bh.consume(e);
        }
    }

    @Benchmark
    public YamlDocument treeParse() {
        return YamlParser.parse(text);
    }

    @Benchmark
    public List<Diagnostic> fullCheck() {
        workspace.open(new TextDocument(uri, ++version, text)); // a new version: nothing cached
        return service.diagnose(uri, Settings.DEFAULTS, CancelChecker.NEVER);
    }

    @Benchmark
    public Optional<HoverService.Hover> hover() {
        return service.hover(snapshot(), hoverOffset, CancelChecker.NEVER);
    }

    @Benchmark
    public List<CompletionService.Item> completion() {
        return service.complete(snapshot(), completionOffset, CancelChecker.NEVER);
    }

    @Benchmark
    public Optional<String> trustSummary() {
        return service.trustSummary(snapshot());
    }

    /** What one request takes; the parsed document is cached per version, as in the server. */
    private Snapshot snapshot() {
        return service.snapshot(uri).orElseThrow();
    }
}
