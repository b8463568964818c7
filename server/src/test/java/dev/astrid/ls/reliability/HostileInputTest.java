package dev.astrid.ls.reliability;

import static dev.astrid.ls.ManifestAssert.diagnose;
import static dev.astrid.ls.ManifestAssert.service;
import static dev.astrid.ls.ManifestAssert.uri;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.astrid.ls.rules.Diagnostic;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Untrusted YAML from packs found online: every hostile input gets a clear diagnostic and never
 * hangs (the timeout only catches a hang; how fast each one really is, is in the benchmarks).
 */
class HostileInputTest {
    private static final String HEAD = "schema_version: 1\nid: demo\nname: Demo\nversion: 1.0.0\n";

    static List<String> codes(String text) {
        return codes("demo/pack.yaml", text);
    }

    static List<String> codes(String file, String text) {
        return noHang(() -> diagnose(file, text)).stream().map(Diagnostic::code).distinct().toList();
    }

    static <T> T noHang(Supplier<T> work) {
        return assertTimeoutPreemptively(Duration.ofSeconds(20), work::get);
    }

    @Test
    void billionLaughsIsNeverExpanded() {
        StringBuilder sb = new StringBuilder(HEAD + "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (int i = 1; i < 12; i++) {
            sb.append("a").append(i).append(": &a").append(i).append(" [")
                    .append(String.join(", ", java.util.Collections.nCopies(9, "*a" + (i - 1)))).append("]\n");
        }
        assertEquals(List.of("schema-not-checked"), codes(sb.toString()));
        String withPermission = sb + "permissions:\n  - id: Network\n    reason: Calls api.x.com\n";
        assertTrue(codes(withPermission).contains("permission-unknown-id"), "the rest is still checked");
    }

    @Test
    void tenThousandDeepNesting() {
        assertEquals(List.of("yaml-too-deep"), codes(HEAD + "x: " + "[".repeat(10_000) + "]".repeat(10_000) + "\n"));
        StringBuilder block = new StringBuilder(HEAD + "x:\n");
        for (int i = 1; i < 1000; i++) {
            block.append(" ".repeat(i)).append("k").append(i).append(":\n");
        }
        assertEquals(List.of("schema-not-checked"), codes(block.toString()));
    }

    @Test
    void fiftyMegabytesIsNotParsedAndSaysSo() {
        String big = HEAD + "permissions:\n" + "  - id: network\n    reason: Calls api.example.com for data\n".repeat(1_000_000);
        assertTrue(big.length() > 50_000_000);
        assertEquals(List.of("yaml-too-large"), codes(big));
        assertTrue(noHang(() -> service("demo/pack.yaml", big).hover(uri("demo/pack.yaml"), 10)).isEmpty());
    }

    @Test
    void aOneMegabyteLine() {
        String x = "x".repeat(1_000_000);
        List<Diagnostic> ds = noHang(() -> diagnose("demo/pack.yaml", HEAD + "permissions:\n  - id: " + x + "\n    reason: "
                + "y".repeat(1_000_000) + "\n"));
        assertEquals(List.of("permission-unknown-id"), ds.stream().map(Diagnostic::code).toList());
        assertTrue(ds.get(0).message().length() < 400, "a huge value is shortened in the message");
        assertEquals(1_000_008, ds.get(0).range().end().character(), "but the range still covers it");
    }

    @Test
    void binaryJunkAndInvalidUtf8() {
        java.util.Random random = new java.util.Random(7);
        byte[] junk = new byte[100_000];
        random.nextBytes(junk);
        String decoded = new String(junk, java.nio.charset.StandardCharsets.UTF_8);
        List<String> codes = codes(decoded);
        assertTrue(codes.contains("yaml-invalid-encoding") || codes.contains("yaml-syntax"), codes.toString());
        assertEquals(List.of("yaml-invalid-encoding"), codes(HEAD.replace("Demo", "De\uFFFDmo")));
    }

    @Test
    void bomCrlfMixedLineEndingsAndTabs() {
        assertEquals(List.of(), codes("\uFEFF" + HEAD));
        List<Diagnostic> ds = noHang(() -> diagnose("demo/pack.yaml",
                "schema_version: 1\r\nid: demo\rname: Demo\nversion: 1.0.0\r\npermissions:\r\n  - id: Network\r\n"
                        + "    reason: Calls api.x.com\r\n"));
        assertEquals(List.of("permission-unknown-id"), ds.stream().map(Diagnostic::code).toList());
        assertEquals(dev.astrid.ls.text.Range.of(5, 8, 5, 15), ds.get(0).range());
        assertEquals(List.of("yaml-syntax"), codes(HEAD + "permissions:\n\t- id: network\n"));
    }

    @Test
    void duplicateKeysAndMultipleDocuments() {
        assertEquals(List.of("yaml-duplicate-key"), codes(HEAD + "id: again\n"));
        assertEquals(List.of("yaml-multiple-documents"), codes(HEAD + "---\n" + HEAD + "---\nx: 1\n"));
    }

    @Test
    void unusualTagsAreReportedAndNeverConstructed() {
        assertTrue(codes(HEAD.replace("name: Demo", "name: !!python/object/apply:os.system [\"touch /tmp/pwned\"]"))
                .contains("yaml-unsupported-tag"));
        assertTrue(!new java.io.File("/tmp/pwned").exists());
        assertEquals(List.of("yaml-unsupported-tag"), codes(HEAD.replace("name: Demo", "name: !custom Demo")));
        assertEquals(List.of(), codes(HEAD.replace("name: Demo", "name: !!str Demo")));
    }

    @Test
    void anchorsAndMergeKeysAreFollowedLikePyYaml() {
        String text = HEAD + "permissions:\n  - &net\n    id: network\n    reason: Calls api.open-meteo.com\n"
                + "  - <<: *net\n    id: subprocess\n    reason: Runs ffmpeg for the forecast card\n  - *net\n";
        assertEquals(List.of("permission-duplicate-id"), codes(text));
    }

    @Test
    void emptyAndWhitespaceOnlyFiles() {
        assertEquals(List.of("schema-wrong-type"), codes(""));
        assertEquals(List.of("schema-wrong-type"), codes("   \n\n"));
        assertEquals(List.of("schema-wrong-type"), codes("# just a comment\n"));
        assertEquals(List.of("schema-wrong-type"), codes("just a string\n"));
    }
}
