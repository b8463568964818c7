package dev.astrid.ls.service;

import static dev.astrid.ls.ManifestAssert.PACK_HEAD;
import static dev.astrid.ls.ManifestAssert.applyFix;
import static dev.astrid.ls.ManifestAssert.diagnose;
import static dev.astrid.ls.ManifestAssert.fixAll;
import static dev.astrid.ls.ManifestAssert.fixTitles;
import static dev.astrid.ls.ManifestAssert.service;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.astrid.ls.ManifestAssert;
import dev.astrid.ls.rules.DuplicatePermissionRule;
import dev.astrid.ls.rules.PermissionShapeRule;
import dev.astrid.ls.rules.SecretsRule;
import dev.astrid.ls.rules.VagueReasonRule;
import java.util.List;
import org.junit.jupiter.api.Test;

class CodeActionTest {

    @Test
    void unknownIdOffersEachPlausibleIdTheBestPreferred() {
        String text = PACK_HEAD + "permissions:\n  - id: Network\n    reason: Calls api.openai.com for captions\n";
        assertEquals(PACK_HEAD + "permissions:\n  - id: network\n    reason: Calls api.openai.com for captions\n",
                applyFix("demo/pack.yaml", text, PermissionShapeRule.UNKNOWN_ID, "Change to 'network'"));
        var actions = ManifestAssert.actions("demo/pack.yaml", text, PermissionShapeRule.UNKNOWN_ID, false);
        assertTrue(actions.get(0).fix().preferred());
        String typo = PACK_HEAD + "permissions:\n  - id: external\n    reason: Sends audio to AssemblyAI\n";
        assertEquals(List.of("Change to 'external_services'", "Suppress permission-unknown-id on this line",
                "Suppress permission-unknown-id in this file"), fixTitles("demo/pack.yaml", typo, PermissionShapeRule.UNKNOWN_ID));
    }

    @Test
    void missingReasonIsInsertedAtTheItemsIndentation() {
        String text = PACK_HEAD + "permissions:\n  - id: subprocess   # ffmpeg\n  - id: network\n    reason: Calls api.x.com\n";
        assertEquals(PACK_HEAD + "permissions:\n  - id: subprocess   # ffmpeg\n    reason: ${1:why the pack needs subprocess}\n"
                        + "  - id: network\n    reason: Calls api.x.com\n",
                applyFix("demo/pack.yaml", text, PermissionShapeRule.MISSING_REASON, "Add a reason for 'subprocess'", true));
        assertEquals(PACK_HEAD + "permissions:\n  - id: subprocess   # ffmpeg\n    reason: \"\"\n"
                        + "  - id: network\n    reason: Calls api.x.com\n",
                applyFix("demo/pack.yaml", text, PermissionShapeRule.MISSING_REASON, "Add a reason for 'subprocess'"));
    }

    @Test
    void aDuplicateIsMergedIntoTheFirstDeclarationSoNoWordIsLost() {
        String text = PACK_HEAD + "permissions:\n  - id: network\n    reason: Calls api.openai.com\n"
                + "  - id: network\n    reason: Downloads weights from huggingface.co\n  - id: subprocess\n"
                + "    reason: Runs ffmpeg\n";
        assertEquals(PACK_HEAD + "permissions:\n  - id: network\n"
                        + "    reason: Calls api.openai.com; Downloads weights from huggingface.co\n  - id: subprocess\n"
                        + "    reason: Runs ffmpeg\n",
                applyFix("demo/pack.yaml", text, DuplicatePermissionRule.DUPLICATE_ID,
                        "Merge this 'network' into its first declaration"));
        String same = PACK_HEAD + "permissions:\n  - id: network\n    reason: Calls api.openai.com\n"
                + "  - id: network\n    reason: calls api.openai.com.\n";
        assertEquals(PACK_HEAD + "permissions:\n  - id: network\n    reason: Calls api.openai.com\n",
                applyFix("demo/pack.yaml", same, DuplicatePermissionRule.DUPLICATE_ID,
                        "Remove this duplicate 'network' (it adds nothing)"));
    }

    @Test
    void undeclaredSecretIsDeclaredInThePackSecrets() {
        String text = PACK_HEAD + "permissions:\n  - id: environment\n    reason: Reads OPENAI_API_KEY for captions\n"
                + "secrets:\n  - name: FAL_KEY\n    required: true\n";
        assertEquals(text + "  - name: OPENAI_API_KEY\n    required: true",
                applyFix("demo/pack.yaml", text, SecretsRule.UNDECLARED, "Declare OPENAI_API_KEY in the pack's secrets")
                        .replaceAll("\n$", ""));
    }

    @Test
    void environmentPermissionIsAddedWithAReasonNamingTheSecrets() {
        String text = PACK_HEAD + "permissions: []\nsecrets:\n  - name: OPENAI_API_KEY\n    required: true\n";
        String fixed = applyFix("demo/pack.yaml", text, SecretsRule.WITHOUT_ENVIRONMENT,
                "Add the environment permission to the pack");
        assertEquals(PACK_HEAD + "permissions:\n  - id: environment\n    reason: Reads OPENAI_API_KEY from the environment\n"
                + "secrets:\n  - name: OPENAI_API_KEY\n    required: true\n", fixed);
        assertEquals(List.of(), diagnose("demo/pack.yaml", fixed));
    }

    @Test
    void environmentPermissionIsAddedToAJsonPack() {
        String text = "{\"schema_version\": 1, \"id\": \"demo\", \"name\": \"D\", \"version\": \"1.0.0\",\n"
                + " \"secrets\": [{\"name\": \"FAL_KEY\", \"required\": true}]}\n";
        String fixed = applyFix("demo/pack.json", text, SecretsRule.WITHOUT_ENVIRONMENT,
                "Add the environment permission to the pack");
        assertEquals(text.replace("true}]}", "true}], \"permissions\": [{\"id\": \"environment\", "
                + "\"reason\": \"Reads FAL_KEY from the environment\"}]}"), fixed);
        assertEquals(List.of(), diagnose("demo/pack.json", fixed));
    }

    @Test
    void suppressionCommentIsInsertedAboveAndSilencesTheCode() {
        String text = PACK_HEAD + "permissions:\n  - id: network\n    reason: network access\n";
        String fixed = applyFix("demo/pack.yaml", text, VagueReasonRule.VAGUE_REASON,
                "Suppress permission-vague-reason on this line");
        assertEquals(PACK_HEAD + "permissions:\n  - id: network\n    # astrid-ls: disable-next-line permission-vague-reason\n"
                + "    reason: network access\n", fixed);
        assertEquals(List.of(), diagnose("demo/pack.yaml", fixed));
        String fileWide = applyFix("demo/pack.yaml", text, VagueReasonRule.VAGUE_REASON,
                "Suppress permission-vague-reason in this file");
        assertTrue(fileWide.startsWith("# astrid-ls: disable-file permission-vague-reason\n"));
        assertEquals(List.of(), diagnose("demo/pack.yaml", fileWide));
    }

    @Test
    void fixAllAppliesOnlyTheSafeFixes() {
        String text = "id: demo\nname: Demo\nversion: 1.0\npermissions:\n  - id: Network\n    reason: Calls api.x.com\n"
                + "  - id: gpu\n    reason: Runs Whisper on CUDA\n";
        String fixed = fixAll("demo/pack.yaml", text);
        assertEquals("schema_version: 1\nid: demo\nname: Demo\nversion: \"1.0\"\npermissions:\n  - id: network\n"
                + "    reason: Calls api.x.com\n  - id: gpu\n    reason: Runs Whisper on CUDA\n", fixed,
                "gpu -> accelerator is a judgement, so fixAll leaves it");
    }
}
