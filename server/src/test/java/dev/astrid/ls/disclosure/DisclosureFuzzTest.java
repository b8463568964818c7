package dev.astrid.ls.disclosure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.astrid.ls.core.CancelChecker;
import dev.astrid.ls.model.Manifest;
import dev.astrid.ls.model.ManifestKind;
import dev.astrid.ls.python.PyAnalyzer;
import dev.astrid.ls.python.PyModule;
import dev.astrid.ls.python.PyToken;
import dev.astrid.ls.python.PyTokenizer;
import dev.astrid.ls.testkit.CodeCorpus;
import dev.astrid.ls.text.TextDocument;
import dev.astrid.ls.workspace.PackFiles;
import dev.astrid.ls.workspace.PackView;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Mutated Python (the fixture packs', and the code corpus's when present) through the tokenizer, the module analysis and the pack evidence: no
 * exception, and every offset inside the text. Case {@code i} uses seed {@code fuzz.seed + i}.
 */
class DisclosureFuzzTest {
    static final int CASES = Integer.getInteger("fuzz.cases", 5_000);
    static final long SEED = Long.getLong("fuzz.seed", 20261201L);
    /** What matters to Python's lexer, drawn more often than random code points. */
    private static final String SPECIAL = "'\"#\\()[]{}:.,=\n\r\t fFrRbB{}!\u00e9\uD83D\uDE00\uD800\uDC00_os.environ[";

    /** The fixture packs' Python, always; the code corpus's too when it is there. */
    static final List<String> SEEDS = load();

    private static List<String> load() {
        List<String> out = new ArrayList<>(python(DisclosureFixturesTest.FIXTURES));
        if (CodeCorpus.present()) {
            out.addAll(python(CodeCorpus.root()));
        }
        return out;
    }

    private static List<String> python(Path folder) {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(p -> p.toString().endsWith(".py")).sorted().map(p -> {
                try {
                    return Files.readString(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).filter(s -> !s.isEmpty()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String junk(Random r) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0, n = 1 + r.nextInt(10); i < n; i++) {
            if (r.nextInt(6) == 0) {
                sb.append((char) r.nextInt(0x10000)); // lone surrogates included
            } else {
                sb.append(SPECIAL.charAt(r.nextInt(SPECIAL.length())));
            }
        }
        return sb.toString();
    }

    static String mutate(String s, Random r) {
        int a = r.nextInt(s.length() + 1);
        int b = r.nextInt(s.length() + 1);
        int lo = Math.min(a, b);
        int hi = Math.max(a, b);
        return switch (r.nextInt(6)) {
            case 0 -> s.substring(0, a) + junk(r) + s.substring(a);
            case 1 -> s.substring(0, lo) + s.substring(Math.min(hi, lo + 300));
            case 2 -> s.substring(0, lo) + s.substring(lo, hi) + s.substring(lo, hi) + s.substring(hi);
            case 3 -> s.substring(0, a);
            case 4 -> s.substring(hi) + s.substring(0, lo);
            default -> s.substring(0, a) + (r.nextBoolean() ? "\"\"\"" : "(") + s.substring(a);
        };
    }

    @Test
    void mutatedPythonNeverBreaksTheAnalysisAndStaysInsideTheText() {
        DisclosureAnalyzer analyzer = new DisclosureAnalyzer(64, 1 << 22);
        Manifest pack = Manifest.parse(new TextDocument("file:///fuzz/pack.yaml", 0, "id: fuzz\n"), ManifestKind.PACK);
        PackView view = new PackView(Path.of("/fuzz"), pack, List.of());
        for (int i = 0; i < CASES; i++) {
            long seed = SEED + i;
            Random r = new Random(seed);
            String text = SEEDS.get(r.nextInt(SEEDS.size()));
            for (int k = 0, n = 1 + r.nextInt(4); k < n; k++) {
                text = mutate(text, r);
            }
            try {
                check(text, analyzer.analyse(view, DisclosureEvidenceTest.read(List.of(new PackFiles.Source(
                        "file:///fuzz/m.py", text))), CancelChecker.NEVER));
            } catch (AssertionError | RuntimeException | StackOverflowError e) {
                throw new AssertionError("case with -Dfuzz.seed=" + seed + " -Dfuzz.cases=1 failed: " + e, e);
            }
        }
        System.out.println("disclosure fuzz: " + CASES + " mutated Python files from seed " + SEED + ", 0 exceptions");
    }

    private static void check(String text, PackDisclosure d) {
        int n = text.length();
        int prev = 0;
        for (PyToken t : PyTokenizer.tokenize(text).tokens()) {
            inside(n, t.start(), t.end());
            assertTrue(t.start() >= prev, "tokens in order");
            prev = t.start();
        }
        PyModule m = PyAnalyzer.analyze(text);
        m.imports().forEach(x -> inside(n, x.start(), x.end()));
        m.references().forEach(x -> {
            inside(n, x.start(), x.end());
            x.args().forEach(a -> inside(n, a.start(), a.end()));
        });
        m.envReads().forEach(x -> inside(n, x.start(), x.end()));
        m.urls().forEach(x -> inside(n, x.start(), x.end()));
        m.literals().forEach(x -> inside(n, x.start(), x.end()));
        m.functions().forEach(x -> inside(n, x.start(), x.end()));
        m.constants().values().forEach(x -> inside(n, x.start(), x.end()));
        m.providerTables().forEach(x -> inside(n, x.start(), x.end()));
        m.errors().forEach(x -> inside(n, x, x));
        TextDocument doc = new TextDocument("x", 0, text);
        for (Evidence e : d.evidence()) {
            inside(n, e.start(), e.end());
            assertEquals(doc.positionAt(e.start()).line() + 1, e.line(), "the editor's line");
        }
        d.dynamicCode().forEach(x -> inside(n, x.start(), x.end()));
    }

    private static void inside(int n, int start, int end) {
        assertTrue(0 <= start && start <= end && end <= n, start + ".." + end + " in " + n);
    }
}
