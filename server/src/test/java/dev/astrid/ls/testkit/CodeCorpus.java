package dev.astrid.ls.testkit;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Astrid's real pack code, for the tests that measure the disclosure checks against it. Its files
 * are other projects' code, kept as local test data that must not be redistributed, so they are
 * never in this repository: the tests read them from {@code -Dastrid.codeCorpus}, by default the
 * shared folder beside the checkout ({@code ../../shared/astrid/code-corpus} from the server
 * module), and are skipped where it is absent (a clean clone in CI). The fixture packs under
 * {@code src/test/resources/disclosure} cover the same shapes and always run.
 */
public final class CodeCorpus {
    private CodeCorpus() {}

    public static Path root() {
        return Path.of(System.getProperty("astrid.codeCorpus", "../../shared/astrid/code-corpus")).toAbsolutePath().normalize();
    }

    public static boolean present() {
        return Files.isRegularFile(root().resolve("TRUTH.md"));
    }

    /** The corpus folder; the calling test is skipped, saying why, when it is not there. */
    public static Path require() {
        assumeTrue(present(), "the code corpus is not at " + root() + " (set "
                + "-Dastrid.codeCorpus to its folder): it is local test data, never committed, so the tests on it "
                + "are skipped; the fixture packs cover the same shapes");
        return root();
    }
}
