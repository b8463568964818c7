package dev.astrid.ls.rules;

import static dev.astrid.ls.ManifestAssert.PACK_HEAD;
import static dev.astrid.ls.ManifestAssert.applyFix;
import static dev.astrid.ls.ManifestAssert.assertDiagnostics;
import static dev.astrid.ls.ManifestAssert.d;

import org.junit.jupiter.api.Test;

class SuppressionRuleTest {
    static final String PERMS = PACK_HEAD + "permissions:\n  - id: network\n";

    @Test
    void aMisspeltDirectiveSilencesNothingAndSaysSo() {
        assertDiagnostics("demo/pack.yaml", PERMS + "    # astrid-ls: disable-nextline permission-vague-reason\n"
                        + "    reason: network access\n",
                d(6, 17, 6, 33, SuppressionRule.INVALID, "Unknown directive 'disable-nextline' in a suppression "
                        + "comment: did you mean 'disable-next-line'?"),
                d(7, 12, 7, 26, VagueReasonRule.VAGUE_REASON));
    }

    @Test
    void anUnknownCodeSilencesNothingAndItsFixDoes() {
        String text = PERMS + "    # astrid-ls: disable-next-line permission-vauge-reason\n    reason: network access\n";
        assertDiagnostics("demo/pack.yaml", text,
                d(6, 35, 6, 58, SuppressionRule.INVALID, "Unknown rule code 'permission-vauge-reason' in a "
                        + "suppression comment: did you mean 'permission-vague-reason'?"),
                d(7, 12, 7, 26, VagueReasonRule.VAGUE_REASON));
        assertDiagnostics("demo/pack.yaml", applyFix("demo/pack.yaml", text, SuppressionRule.INVALID,
                "Change to 'permission-vague-reason'"));
    }

    @Test
    void anEmptyDirectiveAndWellFormedCommentsAndOtherComments() {
        assertDiagnostics("demo/pack.yaml", PACK_HEAD + "# astrid-ls:\n",
                d(4, 12, 4, 12, SuppressionRule.INVALID, "Missing directive in a suppression comment."));
        assertDiagnostics("demo/pack.yaml", "# astrid-ls: disable-file permission-vague-reason, secret-undeclared\n"
                + PERMS + "    # astrid-ls: disable-next-line\n    reason: network access\n    # a comment about astrid-ls\n");
    }
}
