package dev.astrid.ls.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** Corpus manifests and the ways the fuzzers break them. */
public final class Mutations {
    static final Path CORPUS = Path.of(System.getProperty("astrid.corpus", "src/test/resources/corpus"));

    /** Characters that matter to YAML, more likely than random ones. */
    private static final String SPECIAL = ":-#&*!|>'\"%@`{}[],?\n\t \r\\";

    private Mutations() {}

    static final List<String> SEEDS = load();

    private static List<String> load() {
        try (Stream<Path> files = Files.walk(CORPUS)) {
            return files.filter(p -> p.getFileName().toString().matches("(pack|executor|orchestrator|element)\\.yaml"))
                    .sorted().map(p -> {
                        try {
                            return Files.readString(p);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    }).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One edit to a text: insert, delete, swap two spans, truncate, or overwrite with random bytes. */
    record Mutation(int kind, double at, double to, String text) {
        String apply(String s) {
            int a = (int) (at * s.length());
            int b = (int) (to * s.length());
            int lo = Math.min(a, b);
            int hi = Math.max(a, b);
            return switch (kind) {
                case 0 -> s.substring(0, a) + text + s.substring(a);
                case 1 -> s.substring(0, lo) + s.substring(Math.min(hi, lo + 200));
                case 2 -> {
                    int mid = (lo + hi) / 2;
                    yield s.substring(0, lo) + s.substring(mid, hi) + s.substring(lo, mid) + s.substring(hi);
                }
                case 3 -> s.substring(0, a);
                default -> s.substring(0, a) + text + s.substring(Math.min(s.length(), a + text.length()));
            };
        }
    }

    public static Arbitrary<String> junk() {
        Arbitrary<String> yamlish = Arbitraries.strings().withChars(SPECIAL + "abcNetwork_idreason").ofMaxLength(12);
        Arbitrary<String> random = Arbitraries.strings().all().ofMaxLength(8);
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(4, yamlish), net.jqwik.api.Tuple.of(1, random));
    }

    static Arbitrary<Mutation> mutation() {
        return Combinators.combine(Arbitraries.integers().between(0, 4), Arbitraries.doubles().between(0, 1),
                Arbitraries.doubles().between(0, 1), junk()).as(Mutation::new);
    }

    /** A corpus manifest with one to five mutations. */
    public static Arbitrary<String> mutatedManifest() {
        return Combinators.combine(Arbitraries.of(SEEDS), mutation().list().ofMinSize(1).ofMaxSize(5))
                .as((seed, mutations) -> {
                    String s = seed;
                    for (Mutation m : mutations) {
                        s = m.apply(s);
                    }
                    return s;
                });
    }
}
