package dev.astrid.ls.bench;

import dev.astrid.ls.disclosure.DisclosureAnalyzer;
import dev.astrid.ls.disclosure.PackDisclosure;
import dev.astrid.ls.core.CancelChecker;
import dev.astrid.ls.model.Manifest;
import dev.astrid.ls.model.ManifestKind;
import dev.astrid.ls.text.TextDocument;
import dev.astrid.ls.workspace.PackFiles;
import dev.astrid.ls.workspace.PackView;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
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

/**
 * Disclosure analysis of a pack with 10,000 lines of Python. {@code code=generated}: 20 modules
 * from {@link Generated#python} (dense: 48 characters a line); {@code code=corpus}: Astrid's real
 * pack code from the local code corpus ({@code -Dastrid.codeCorpus}, by default
 * {@code ../shared/astrid/code-corpus} from the repository root; it is never committed), 37
 * characters a line, repeated under new names until 10,000 lines. {@code wholePack} analyses every module afresh, as
 * the first check of a pack does; {@code oneModuleEdited} is a keystroke: one module's text
 * changed, every other analysis from the cache; {@code nothingChanged} is a re-check with every
 * module cached. Run from the repository root (the corpus path is relative).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class DisclosureBench {
    static final int MODULES = 20;
    static final int LINES = 10_000;

    @Param({"generated", "corpus"})
    String code;

    PackView pack;
    List<PackFiles.Source> files;
    DisclosureAnalyzer cached;
    int edits;

    @Setup
    public void setUp() {
        Manifest manifest = Manifest.parse(new TextDocument("file:///bench/pack/pack.yaml", 0, Generated.pack(40)),
                ManifestKind.PACK);
        pack = new PackView(Path.of("/bench/pack"), manifest, List.of());
        files = code.equals("corpus") ? corpus() : generated();
        cached = new DisclosureAnalyzer();
        cached.analyse(pack, read(files), CancelChecker.NEVER);
    }

    private static List<PackFiles.Source> generated() {
        List<PackFiles.Source> out = new ArrayList<>();
        for (int i = 0; i < MODULES; i++) {
            out.add(new PackFiles.Source("file:///bench/pack/actions/a" + i + "/run.py", Generated.python(i, LINES / MODULES)));
        }
        return out;
    }

    private static List<PackFiles.Source> corpus() {
        Path root = Path.of(System.getProperty("astrid.codeCorpus", "../shared/astrid/code-corpus"));
        List<String> texts;
        try (Stream<Path> walk = Files.walk(root)) {
            texts = walk.filter(p -> p.toString().endsWith(".py")).sorted().map(p -> {
                try {
                    return Files.readString(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("code=corpus needs the local code corpus: run from the repository root, or set -Dastrid.codeCorpus", e);
        }
        List<PackFiles.Source> out = new ArrayList<>();
        for (int lines = 0, i = 0; lines < LINES; i++) {
            String text = texts.get(i % texts.size());
            out.add(new PackFiles.Source("file:///bench/pack/m" + i + "/run.py", text + "\n# copy " + i + "\n"));
            lines += (int) text.lines().count() + 1;
        }
        return out;
    }

    private static PackFiles.Code read(List<PackFiles.Source> python) {
        return new PackFiles.Code(python, List.of(), List.of(), true);
    }

    @Benchmark
    public PackDisclosure wholePack() {
        return new DisclosureAnalyzer().analyse(pack, read(files), CancelChecker.NEVER);
    }

    @Benchmark
    public PackDisclosure oneModuleEdited() {
        List<PackFiles.Source> now = new ArrayList<>(files);
        PackFiles.Source first = files.get(0);
        now.set(0, new PackFiles.Source(first.uri(), first.text() + "# edit " + (++edits) + "\n"));
        return cached.analyse(pack, read(now), CancelChecker.NEVER);
    }

    @Benchmark
    public PackDisclosure nothingChanged() {
        return cached.analyse(pack, read(files), CancelChecker.NEVER);
    }
}
