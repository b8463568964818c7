package dev.astrid.ls.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

/**
 * Corpus manifests and the ways the fuzzers break them: insert, delete, swap, truncate, and
 * overwrite with random text. Seeded, so a failing case can be replayed from its seed.
 */
public final class Mutations {
    static final Path CORPUS = Path.of(System.getProperty("astrid.corpus", "src/test/resources/corpus"));
    /** Characters that matter to YAML, drawn more often than random ones. */
    private static final String SPECIAL = ":-#&*!|>'\"%@`{}[],?\n\t \r\\abcNetwork_idreason";

    public static final List<String> SEEDS = load();

    /** How many cases a fuzz run makes ({@code -Dfuzz.cases}); the first seed ({@code -Dfuzz.seed}). */
    public static final int CASES = Integer.getInteger("fuzz.cases", 10_000);
    public static final long SEED = Long.getLong("fuzz.seed", 20261128L);

    private Mutations() {}

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

    /** A short string, mostly of YAML's own punctuation, sometimes any code point at all. */
    public static String junk(Random r) {
        int n = r.nextInt(12);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            if (r.nextInt(5) == 0) {
                sb.appendCodePoint(r.nextInt(0x10FFFF));
            } else {
                sb.append(SPECIAL.charAt(r.nextInt(SPECIAL.length())));
            }
        }
        return sb.toString();
    }

    public static String mutate(String s, Random r) {
        int a = r.nextInt(s.length() + 1);
        int b = r.nextInt(s.length() + 1);
        int lo = Math.min(a, b);
        int hi = Math.max(a, b);
        return switch (r.nextInt(5)) {
            case 0 -> s.substring(0, a) + junk(r) + s.substring(a);
            case 1 -> s.substring(0, lo) + s.substring(Math.min(hi, lo + 200));
            case 2 -> {
                int mid = (lo + hi) / 2;
                yield s.substring(0, lo) + s.substring(mid, hi) + s.substring(lo, mid) + s.substring(hi);
            }
            case 3 -> s.substring(0, a);
            default -> {
                String j = junk(r);
                yield s.substring(0, a) + j + s.substring(Math.min(s.length(), a + j.length()));
            }
        };
    }

    /** A corpus manifest with one to five mutations. */
    public static String mutatedManifest(Random r) {
        String s = SEEDS.get(r.nextInt(SEEDS.size()));
        for (int i = 0, n = 1 + r.nextInt(5); i < n; i++) {
            s = mutate(s, r);
        }
        return s;
    }
}
