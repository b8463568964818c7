package dev.astrid.ls.reliability;

import static dev.astrid.ls.ManifestAssert.PACK_HEAD;
import static dev.astrid.ls.ManifestAssert.d;
import static dev.astrid.ls.ManifestAssert.diagnose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.astrid.ls.ManifestAssert;
import dev.astrid.ls.Reported;
import dev.astrid.ls.core.CancelChecker;
import dev.astrid.ls.core.Diagnostic;
import dev.astrid.ls.core.Settings;
import dev.astrid.ls.core.Severity;
import dev.astrid.ls.rules.Limits;
import dev.astrid.ls.rules.PermissionShapeRule;
import dev.astrid.ls.rules.RuleContext;
import dev.astrid.ls.rules.SchemaRule;
import dev.astrid.ls.service.LanguageService;
import dev.astrid.ls.workspace.Workspace;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a hostile file can make the server say is bounded, and what it could not check is said. */
class LimitsTest {
    static String repeat(int n, java.util.function.IntFunction<String> line) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append(line.apply(i));
        }
        return sb.toString();
    }

    @Test
    void pastAThousandFindingsOneMoreSaysHowManyAndIsAsSevereAsTheWorst() {
        // 1,002 unknown keys, all errors: a thousand are listed, the last line counts the other two
        List<Diagnostic> ds = diagnose("demo/pack.yaml", PACK_HEAD + repeat(1002, i -> "key_" + i + ": x\n"));
        assertEquals(RuleContext.MAX_DIAGNOSTICS + 1, ds.size());
        assertTrue(ds.subList(0, 1000).stream().allMatch(d -> d.code() == SchemaRule.UNKNOWN_KEY));
        ManifestAssert.assertExactly(ds.subList(1000, 1001), d(1004, 0, 1004, 0, Limits.TRUNCATED,
                "At least 2 more findings in this file are not shown, the worst of them an error"));
        assertEquals(Severity.ERROR, ds.get(1000).severity(), "so that check still fails");
    }

    @Test
    void errorsAreListedBeforeWarningsAndSuppressedFindingsDoNotCount() {
        String vague = repeat(1001, i -> "  - id: network\n    reason: needed\n");
        List<Diagnostic> ds = diagnose("demo/pack.yaml", PACK_HEAD + "permissions:\n" + vague
                + "  - id: Network\n    reason: Calls api.example.com\n");
        assertTrue(ds.stream().anyMatch(d -> d.code() == PermissionShapeRule.UNKNOWN_ID), "the error is kept");
        Diagnostic last = ds.get(ds.size() - 1);
        assertEquals(Limits.TRUNCATED, last.code());
        assertEquals(Severity.WARNING, last.severity(), "only warnings went unlisted");
        assertEquals(RuleContext.MAX_DIAGNOSTICS + 1, ds.size());

        List<Diagnostic> quiet = diagnose("demo/pack.yaml", "# astrid-ls: disable-file permission-vague-reason, permission-duplicate-id\n"
                + PACK_HEAD + "permissions:\n" + vague);
        assertEquals(0, quiet.size(), "suppressed findings are not counted as hidden");
    }

    @Test
    void aHugeValueIsCutInTheMessageAndLeftOutOfTheData() {
        Diagnostic id = diagnose("demo/pack.yaml", PACK_HEAD + "permissions:\n  - id: " + "N".repeat(5000)
                + "\n    reason: Calls api.example.com\n").get(0);
        assertEquals(PermissionShapeRule.UNKNOWN_ID, id.code());
        assertTrue(id.message().length() <= RuleContext.MAX_MESSAGE, "message of " + id.message().length());
        assertFalse(id.data().containsKey("id"), "a 5,000-character value is not sent as data");
        Diagnostic key = diagnose("demo/pack.yaml", PACK_HEAD + "k".repeat(1010) + ": 1\n").get(0);
        assertEquals(SchemaRule.UNKNOWN_KEY, key.code());
        assertTrue(key.message().length() <= RuleContext.MAX_MESSAGE);
        assertFalse(key.data().containsKey("key"));
    }

    @Test
    void runningOutOfMemoryIsReportedNotSwallowed() {
        Workspace workspace = mock(Workspace.class);
        when(workspace.manifest("file:///w/demo/pack.yaml")).thenThrow(new OutOfMemoryError("Java heap space"));
        List<Diagnostic> ds = Reported.record(new LanguageService(workspace).diagnose("file:///w/demo/pack.yaml",
                Settings.DEFAULTS, CancelChecker.NEVER));
        ManifestAssert.assertExactly(ds, d(0, 0, 0, 0, Limits.NOT_CHECKED, "ran out of memory"));
    }
}
