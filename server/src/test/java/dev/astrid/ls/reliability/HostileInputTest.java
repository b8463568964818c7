package dev.astrid.ls.reliability;

import static dev.astrid.ls.ManifestAssert.PACK_HEAD;
import static dev.astrid.ls.ManifestAssert.diagnose;
import static dev.astrid.ls.ManifestAssert.hover;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.astrid.ls.core.Code;
import dev.astrid.ls.core.Diagnostic;
import dev.astrid.ls.rules.DuplicatePermissionRule;
import dev.astrid.ls.rules.PermissionShapeRule;
import dev.astrid.ls.rules.SchemaRule;
import dev.astrid.ls.rules.YamlRule;
import java.time.Duration;
import dev.astrid.ls.ManifestAssert;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Untrusted YAML from packs found online: every hostile input gets a clear diagnostic and never
 * hangs (the timeout only catches a hang; how fast each one really is, is in the benchmarks).
 */
class HostileInputTest {

    static List<Code> codes(String text) {
        return codes("demo/pack.yaml", text);
    }

    static List<Code> codes(String file, String text) {
        return noHang(() -> diagnose(file, text)).stream().map(Diagnostic::code).distinct().toList();
    }

    static <T> T noHang(Supplier<T> work) {
        return assertTimeoutPreemptively(Duration.ofSeconds(20), work::get);
    }

    @Test
    void billionLaughsIsNeverExpanded() {
        StringBuilder sb = new StringBuilder(PACK_HEAD + "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (int i = 1; i < 12; i++) {
            sb.append("a").append(i).append(": &a").append(i).append(" [")
                    .append(String.join(", ", java.util.Collections.nCopies(9, "*a" + (i - 1)))).append("]\n");
        }
        assertEquals(List.of(SchemaRule.TOO_COMPLEX), codes(sb.toString()));
        String withPermission = sb + "permissions:\n  - id: Network\n    reason: Calls api.x.com\n";
        assertTrue(codes(withPermission).contains(PermissionShapeRule.UNKNOWN_ID), "the rest is still checked");
    }

    @Test
    void tenThousandDeepNesting() {
        assertEquals(List.of(YamlRule.TOO_DEEP), codes(PACK_HEAD + "x: " + "[".repeat(10_000) + "]".repeat(10_000) + "\n"));
        StringBuilder block = new StringBuilder(PACK_HEAD + "x:\n");
        for (int i = 1; i < 1000; i++) {
            block.append(" ".repeat(i)).append("k").append(i).append(":\n");
        }
        assertEquals(List.of(SchemaRule.TOO_COMPLEX), codes(block.toString()));
    }

    @Test
    void fiftyMegabytesIsNotParsedAndSaysSo() {
        String big = PACK_HEAD + "permissions:\n" + "  - id: network\n    reason: Calls api.example.com for data\n".repeat(1_000_000);
        assertTrue(big.length() > 50_000_000);
        assertEquals(List.of(YamlRule.TOO_LARGE), codes(big));
        assertTrue(noHang(() -> hover("demo/pack.yaml", big.substring(0, 10) + "|" + big.substring(10))).isEmpty());
    }

    @Test
    void aOneMegabyteLine() {
        String x = "x".repeat(1_000_000);
        List<Diagnostic> ds = noHang(() -> diagnose("demo/pack.yaml", PACK_HEAD + "permissions:\n  - id: " + x + "\n    reason: "
                + "y".repeat(1_000_000) + "\n"));
        assertEquals(List.of(PermissionShapeRule.UNKNOWN_ID), ds.stream().map(Diagnostic::code).toList());
        assertTrue(ds.get(0).message().length() < 400, "a huge value is shortened in the message");
        assertEquals(1_000_008, ds.get(0).range().end().character(), "but the range still covers it");
    }

    @Test
    void binaryJunkAndInvalidUtf8() {
        java.util.Random random = new java.util.Random(7);
        byte[] junk = new byte[100_000];
        random.nextBytes(junk);
        String decoded = new String(junk, java.nio.charset.StandardCharsets.UTF_8);
        List<Code> codes = codes(decoded);
        assertTrue(codes.contains(YamlRule.INVALID_ENCODING) || codes.contains(YamlRule.SYNTAX), codes.toString());
        assertEquals(List.of(YamlRule.INVALID_ENCODING), codes(PACK_HEAD.replace("Demo", "De\uFFFDmo")));
    }

    @Test
    void bomCrlfMixedLineEndingsAndTabs() {
        assertEquals(List.of(), codes("\uFEFF" + PACK_HEAD));
        List<Diagnostic> ds = noHang(() -> diagnose("demo/pack.yaml",
                "schema_version: 1\r\nid: demo\rname: Demo\nversion: 1.0.0\r\npermissions:\r\n  - id: Network\r\n"
                        + "    reason: Calls api.x.com\r\n"));
        assertEquals(List.of(PermissionShapeRule.UNKNOWN_ID), ds.stream().map(Diagnostic::code).toList());
        assertEquals(dev.astrid.ls.text.Range.of(5, 8, 5, 15), ds.get(0).range());
        assertEquals(List.of(YamlRule.SYNTAX), codes(PACK_HEAD + "permissions:\n\t- id: network\n"));
    }

    @Test
    void duplicateKeysAndMultipleDocuments() {
        assertEquals(List.of(YamlRule.DUPLICATE_KEY_IGNORED), codes(PACK_HEAD + "id: again\n"));
        assertEquals(List.of(YamlRule.MULTIPLE_DOCUMENTS), codes(PACK_HEAD + "---\n" + PACK_HEAD + "---\nx: 1\n"));
    }

    /** A class a constructing YAML loader would instantiate for its tag: it counts every instance. */
    public static final class Canary {
        static final AtomicInteger MADE = new AtomicInteger();

        public Canary() {
            MADE.incrementAndGet();
        }
    }

    @Test
    void unusualTagsAreReportedAndNeverConstructed() {
        String canary = Canary.class.getName();
        for (String value : List.of("!!" + canary + " {}", "!<tag:yaml.org,2002:" + canary + "> []",
                "!!python/object/apply:os.system [\"true\"]")) {
            String text = PACK_HEAD.replace("name: Demo", "name: " + value) + "permissions:\n  - id: n|etwork\n";
            List<Code> codes = codes(text.replace("|", ""));
            assertTrue(codes.contains(YamlRule.UNSUPPORTED_TAG) && codes.contains(PermissionShapeRule.MISSING_REASON),
                    value + ": " + codes);
            hover("demo/pack.yaml", text);
            ManifestAssert.complete("demo/pack.yaml", text);
            ManifestAssert.fixAll("demo/pack.yaml", text.replace("|", ""));
        }
        assertEquals(0, Canary.MADE.get(), "a tag was constructed");
        assertEquals(List.of(YamlRule.UNSUPPORTED_TAG), codes(PACK_HEAD.replace("name: Demo", "name: !custom Demo")));
        assertEquals(List.of(), codes(PACK_HEAD.replace("name: Demo", "name: !!str Demo")));
    }

    @Test
    void anchorsAndMergeKeysAreFollowedLikePyYaml() {
        String text = PACK_HEAD + "permissions:\n  - &net\n    id: network\n    reason: Calls api.open-meteo.com\n"
                + "  - <<: *net\n    id: subprocess\n    reason: Runs ffmpeg for the forecast card\n  - *net\n";
        assertEquals(List.of(DuplicatePermissionRule.DUPLICATE_ID), codes(text));
    }

    @Test
    void emptyAndWhitespaceOnlyFiles() {
        assertEquals(List.of(SchemaRule.WRONG_TYPE), codes(""));
        assertEquals(List.of(SchemaRule.WRONG_TYPE), codes("   \n\n"));
        assertEquals(List.of(SchemaRule.WRONG_TYPE), codes("# just a comment\n"));
        assertEquals(List.of(SchemaRule.WRONG_TYPE), codes("just a string\n"));
    }

    @Test
    void aOneMegabyteFlowLineOfUnknownKeysIsCheckedAndCapped() {
        StringBuilder line = new StringBuilder("{schema_version: 1, id: demo, name: Demo, version: 1.0.0");
        for (int i = 0; line.length() < 1_000_000; i++) {
            line.append(", key_").append(i).append(": value");
        }
        List<Diagnostic> ds = noHang(() -> diagnose("demo/pack.yaml", line + "}\n"));
        assertEquals(dev.astrid.ls.rules.RuleContext.MAX_DIAGNOSTICS + 1, ds.size());
        assertEquals(SchemaRule.UNKNOWN_KEY, ds.get(0).code());
        assertEquals(dev.astrid.ls.rules.Limits.TRUNCATED, ds.get(ds.size() - 1).code());
    }

    @Test
    void a190kKeyManifestOfFourMegabytesIsCheckedAndCapped() {
        StringBuilder text = new StringBuilder(PACK_HEAD);
        for (int i = 0; i < 190_000; i++) {
            text.append(String.format("key%06d: val%06d%n", i, i));
        }
        assertTrue(text.length() > 3_900_000 && text.length() < dev.astrid.ls.yaml.YamlParser.MAX_CHARS);
        List<Diagnostic> ds = noHang(() -> diagnose("demo/pack.yaml", text.toString()));
        assertEquals(dev.astrid.ls.rules.Limits.TRUNCATED, ds.get(ds.size() - 1).code());
        assertTrue(ds.get(ds.size() - 1).message().startsWith("At least "), ds.get(ds.size() - 1).message());
    }

    @Test
    void aThousandSecretsGetTheirWarningsAndNoMessageRepeatsThemAll() {
        StringBuilder text = new StringBuilder(PACK_HEAD + "secrets:\n");
        for (int i = 0; i < 4000; i++) {
            text.append(String.format("  - name: SECRET_%04d_KEY%n    required: true%n", i));
        }
        List<Diagnostic> ds = noHang(() -> diagnose("demo/pack.yaml", text + "permissions: []\n"));
        assertEquals(dev.astrid.ls.rules.RuleContext.MAX_DIAGNOSTICS + 1, ds.size());
        assertTrue(ds.stream().allMatch(d -> d.message().length() < 400), "no message lists every secret");
    }
}
