package dev.astrid.ls.rules;

import static dev.astrid.ls.ManifestAssert.PACK_HEAD;
import static dev.astrid.ls.ManifestAssert.assertCode;
import static dev.astrid.ls.ManifestAssert.assertDiagnostics;
import static dev.astrid.ls.ManifestAssert.d;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.astrid.ls.core.Severity;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SchemaRuleTest {
    private static final String V1 = PACK_HEAD;
    private static final String V2 = "schema_version: 2\nid: demo\nname: Demo\nversion: 1.0.0\ncapabilities: [render]\n";

    @Test
    void minimalPacksOfBothGrammarsAreValid() {
        assertDiagnostics("demo/pack.yaml", V1);
        assertDiagnostics("demo/pack.yaml", V2);
    }

    @Test
    void unknownTopLevelKeyOffersDidYouMeanFromTheSchema() {
        var ds = assertDiagnostics("demo/pack.yaml", V1 + "descripton: Renders scenes\n",
                d(4, 0, 4, 10, SchemaRule.UNKNOWN_KEY, "did you mean 'description'?"));
        assertEquals(Map.of("key", "descripton", "suggestion", "description"), ds.get(0).data());
    }

    @Test
    void v2IsStrictAboutKeysThatV1Allows() {
        assertDiagnostics("demo/pack.yaml", V1 + "metadata: {}\norigin: builtin\n");
        assertDiagnostics("demo/pack.yaml", V2 + "metadata: {}\n",
                d(5, 0, 5, 8, SchemaRule.UNKNOWN_KEY, "Unknown key 'metadata'"));
    }

    @Test
    void nestedUnknownKeyIsMarkedOnTheKey() {
        assertDiagnostics("demo/pack.yaml", V2 + "agent:\n  purpose: Renders scenes\n  entrypoints: [demo.render]\n",
                d(7, 2, 7, 13, SchemaRule.UNKNOWN_KEY, "in `agent`"));
    }

    @Test
    void trustBlockKeysExplainThatTheBlockIsFixed() {
        assertDiagnostics("demo/pack.yaml", V1 + "sandbox: none\n",
                d(4, 0, 4, 7, SchemaRule.UNKNOWN_KEY, "cannot be configured"));
    }

    @Test
    void missingRequiredKeysAreMarkedOnTheFirstKey() {
        assertDiagnostics("demo/pack.yaml", "schema_version: 1\nid: demo\n",
                d(0, 0, 0, 14, SchemaRule.MISSING_KEY, "'name'"),
                d(0, 0, 0, 14, SchemaRule.MISSING_KEY, "'version'"));
    }

    @Test
    void enumValueOffersDidYouMean() {
        var ds = assertDiagnostics("demo/pack.yaml", V2 + "status: experimantal\n",
                d(5, 8, 5, 20, SchemaRule.INVALID_VALUE, "did you mean 'experimental'?"));
        assertEquals("experimental", ds.get(0).data().get("suggestion"));
    }

    @Test
    void unquotedFloatVersionIsAWrongTypeThatExplainsQuoting() {
        var ds = assertDiagnostics("demo/pack.yaml", "schema_version: 1\nid: demo\nname: Demo\nversion: 1.0\n",
                d(3, 9, 3, 12, SchemaRule.WRONG_TYPE, "quote it"));
        assertEquals("string", ds.get(0).data().get("expected"));
    }

    @Test
    void patternErrorsExplainTheForm() {
        assertDiagnostics("demo/pack.yaml", "schema_version: 2\nid: Demo-Pack\nname: Demo\nversion: 1.0.0-beta\n"
                        + "capabilities: [render]\n",
                d(1, 4, 1, 13, SchemaRule.INVALID_VALUE, "lowercase letter"),
                d(3, 9, 3, 19, SchemaRule.INVALID_VALUE, "X.Y.Z"));
    }

    @Test
    void v2PackMustContributeSomething() {
        assertDiagnostics("demo/pack.yaml", "schema_version: 2\nid: demo\nname: Demo\nversion: 1.0.0\n",
                d(0, 0, 0, 14, SchemaRule.INVALID_VALUE, "at least one of capabilities"));
    }

    @Test
    void documentationFormsAreChecked() {
        assertDiagnostics("demo/pack.yaml", V2 + "documentation:\n  kind: skill\n  path: docs/SKILL.md\n",
                d(5, 0, 5, 13, SchemaRule.INVALID_VALUE, "{kind: skill, path: skill/SKILL.md}"));
        assertDiagnostics("demo/pack.yaml", V2 + "documentation:\n  kind: none\n  reason: Internal fixture\n");
    }

    @Test
    void uniqueItemsNamesTheRepeat() {
        assertDiagnostics("demo/pack.yaml", V2.replace("[render]", "[render, render]"),
                d(4, 23, 4, 29, SchemaRule.INVALID_VALUE, "'render' appears twice"));
    }

    @Test
    void missingSchemaVersionIsAnErrorButPermissionsAreStillChecked() {
        assertDiagnostics("demo/pack.yaml", "id: demo\nname: Demo\npermissions:\n  - id: gpu\n    reason: CUDA for Whisper\n",
                d(0, 0, 0, 2, SchemaVersionRule.VERSION_MISSING),
                d(3, 8, 3, 11, PermissionShapeRule.UNKNOWN_ID));
    }

    @Test
    void unknownSchemaVersionIsInformationAndSkipsStructure() {
        assertDiagnostics("demo/pack.yaml", "schema_version: 4\nid: demo\nactions: {}\npermissions:\n  - id: network\n",
                d(0, 16, 0, 17, SchemaVersionRule.VERSION_UNSUPPORTED, Severity.INFORMATION),
                d(4, 8, 4, 15, PermissionShapeRule.MISSING_REASON));
    }

    @Test
    void nonIntegerSchemaVersion() {
        assertCode("demo/pack.yaml", "schema_version: \"2\"\nid: demo\nname: Demo\nversion: 1.0.0\n",
                SchemaRule.WRONG_TYPE, d(0, 16, 0, 19, SchemaRule.WRONG_TYPE, "integer"));
    }

    @Test
    void rootMustBeAMapping() {
        assertDiagnostics("demo/pack.yaml", "- id: network\n", d(0, 0, 0, 13, SchemaRule.WRONG_TYPE, "must be a mapping"));
    }

    @Test
    void packIdMustMatchItsFolder() {
        assertDiagnostics("other/pack.yaml", V1, d(1, 4, 1, 8, PackIdRule.FOLDER_MISMATCH, "'other'"));
    }

    @Test
    void databaseIsAWarningInV2() {
        assertCode("demo/pack.yaml", V2 + "database:\n  default_enabled: true\n", DatabaseRule.DATABASE,
                d(5, 0, 5, 8, DatabaseRule.DATABASE));
    }

    @Test
    void secretNamesMustBeUpperCaseInV2Only() {
        String secrets = "secrets:\n  - name: openai-key\n    required: true\n";
        var ds = assertDiagnostics("demo/pack.yaml", V2 + secrets,
                d(6, 10, 6, 20, SecretsRule.INVALID_NAME, "'OPENAI_KEY'"),
                d(6, 10, 6, 20, SecretsRule.WITHOUT_ENVIRONMENT));
        assertEquals("OPENAI_KEY", ds.get(0).data().get("suggestion"));
        assertCode("demo/pack.yaml", V1 + secrets, SecretsRule.INVALID_NAME);
    }

    @Test
    void duplicateKeysAreErrors() {
        var ds = assertDiagnostics("demo/pack.yaml", V2 + "name: Other\n", d(5, 0, 5, 4, YamlRule.DUPLICATE_KEY));
        assertEquals(2, ds.get(0).related().get(0).range().start().line());
    }

    @Test
    void aSyntaxErrorIsOneDiagnosticAndTheRestIsStillChecked() {
        assertDiagnostics("demo/pack.yaml", V1 + "description: \"unterminated\npermissions:\n  - id: Network\n"
                        + "    reason: Calls api.openai.com\n",
                d(4, 13, 4, 26, YamlRule.SYNTAX),
                d(6, 8, 6, 15, PermissionShapeRule.UNKNOWN_ID));
    }

    @Test
    void extraDocumentsAreAnError() {
        assertCode("demo/pack.yaml", V1 + "---\nid: again\n", YamlRule.MULTIPLE_DOCUMENTS,
                d(4, 0, 4, 3, YamlRule.MULTIPLE_DOCUMENTS));
    }
}
