package dev.astrid.ls.rules;

import static dev.astrid.ls.ManifestAssert.assertCode;
import static dev.astrid.ls.ManifestAssert.assertDiagnostics;
import static dev.astrid.ls.ManifestAssert.d;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SchemaRuleTest {
    private static final String V1 = "schema_version: 1\nid: demo\nname: Demo\nversion: 1.0.0\n";
    private static final String V2 = "schema_version: 2\nid: demo\nname: Demo\nversion: 1.0.0\ncapabilities: [render]\n";

    @Test
    void minimalPacksOfBothGrammarsAreValid() {
        assertDiagnostics("demo/pack.yaml", V1);
        assertDiagnostics("demo/pack.yaml", V2);
    }

    @Test
    void unknownTopLevelKeyOffersDidYouMeanFromTheSchema() {
        var ds = assertDiagnostics("demo/pack.yaml", V1 + "descripton: Renders scenes\n",
                d(4, 0, 4, 10, "schema-unknown-key", "Did you mean 'description'?"));
        assertEquals(Map.of("key", "descripton", "suggestion", "description"), ds.get(0).data());
    }

    @Test
    void v2IsStrictAboutKeysThatV1Allows() {
        assertDiagnostics("demo/pack.yaml", V1 + "metadata: {}\norigin: builtin\n");
        assertDiagnostics("demo/pack.yaml", V2 + "metadata: {}\n",
                d(5, 0, 5, 8, "schema-unknown-key", "Unknown key 'metadata'"));
    }

    @Test
    void nestedUnknownKeyIsMarkedOnTheKey() {
        assertDiagnostics("demo/pack.yaml", V2 + "agent:\n  purpose: Renders scenes\n  entrypoints: [demo.render]\n",
                d(7, 2, 7, 13, "schema-unknown-key", "in `agent`"));
    }

    @Test
    void trustBlockKeysExplainThatTheBlockIsFixed() {
        assertDiagnostics("demo/pack.yaml", V1 + "sandbox: none\n",
                d(4, 0, 4, 7, "schema-unknown-key", "cannot be configured"));
    }

    @Test
    void missingRequiredKeysAreMarkedOnTheFirstKey() {
        assertDiagnostics("demo/pack.yaml", "schema_version: 1\nid: demo\n",
                d(0, 0, 0, 14, "schema-missing-key", "'name'"),
                d(0, 0, 0, 14, "schema-missing-key", "'version'"));
    }

    @Test
    void enumValueOffersDidYouMean() {
        var ds = assertDiagnostics("demo/pack.yaml", V2 + "status: experimantal\n",
                d(5, 8, 5, 20, "schema-invalid-value", "Did you mean 'experimental'?"));
        assertEquals("experimental", ds.get(0).data().get("suggestion"));
    }

    @Test
    void unquotedFloatVersionIsAWrongTypeThatExplainsQuoting() {
        var ds = assertDiagnostics("demo/pack.yaml", "schema_version: 1\nid: demo\nname: Demo\nversion: 1.0\n",
                d(3, 9, 3, 12, "schema-wrong-type", "quote it"));
        assertEquals("string", ds.get(0).data().get("expected"));
    }

    @Test
    void patternErrorsExplainTheForm() {
        assertDiagnostics("demo/pack.yaml", "schema_version: 2\nid: Demo-Pack\nname: Demo\nversion: 1.0.0-beta\n"
                        + "capabilities: [render]\n",
                d(1, 4, 1, 13, "schema-invalid-value", "lowercase letter"),
                d(3, 9, 3, 19, "schema-invalid-value", "X.Y.Z"));
    }

    @Test
    void v2PackMustContributeSomething() {
        assertDiagnostics("demo/pack.yaml", "schema_version: 2\nid: demo\nname: Demo\nversion: 1.0.0\n",
                d(0, 0, 0, 14, "schema-invalid-value", "at least one of capabilities"));
    }

    @Test
    void documentationFormsAreChecked() {
        assertDiagnostics("demo/pack.yaml", V2 + "documentation:\n  kind: skill\n  path: docs/SKILL.md\n",
                d(5, 0, 5, 13, "schema-invalid-value", "{kind: skill, path: skill/SKILL.md}"));
        assertDiagnostics("demo/pack.yaml", V2 + "documentation:\n  kind: none\n  reason: Internal fixture\n");
    }

    @Test
    void uniqueItemsNamesTheRepeat() {
        assertDiagnostics("demo/pack.yaml", V2.replace("[render]", "[render, render]"),
                d(4, 23, 4, 29, "schema-invalid-value", "'render' appears twice"));
    }

    @Test
    void missingSchemaVersionIsAnErrorButPermissionsAreStillChecked() {
        var ds = assertDiagnostics("demo/pack.yaml", "id: demo\nname: Demo\npermissions:\n  - id: gpu\n    reason: CUDA for Whisper\n",
                d(0, 0, 0, 2, "schema-version-missing"),
                d(3, 8, 3, 11, "permission-unknown-id"));
        assertEquals("schema_version: 1", ds.get(0).data().get("insert"));
    }

    @Test
    void unknownSchemaVersionIsInformationAndSkipsStructure() {
        assertDiagnostics("demo/pack.yaml", "schema_version: 3\nid: demo\nactions: {}\npermissions:\n  - id: network\n",
                d(0, 16, 0, 17, "schema-version-unsupported", Severity.INFORMATION),
                d(4, 8, 4, 15, "permission-missing-reason"));
    }

    @Test
    void nonIntegerSchemaVersion() {
        assertCode("demo/pack.yaml", "schema_version: \"2\"\nid: demo\nname: Demo\nversion: 1.0.0\n",
                "schema-wrong-type", d(0, 16, 0, 19, "schema-wrong-type", "integer"));
    }

    @Test
    void rootMustBeAMapping() {
        assertDiagnostics("demo/pack.yaml", "- id: network\n", d(0, 0, 0, 13, "schema-wrong-type", "must be a mapping"));
    }

    @Test
    void packIdMustMatchItsFolder() {
        assertDiagnostics("other/pack.yaml", V1, d(1, 4, 1, 8, "pack-id-folder-mismatch", "'other'"));
    }

    @Test
    void databaseIsAWarningInV2() {
        assertCode("demo/pack.yaml", V2 + "database:\n  default_enabled: true\n", "pack-database-refused",
                d(5, 0, 5, 8, "pack-database-refused"));
    }

    @Test
    void secretNamesMustBeUpperCaseInV2Only() {
        String secrets = "secrets:\n  - name: openai-key\n    required: true\n";
        var ds = assertDiagnostics("demo/pack.yaml", V2 + secrets,
                d(6, 10, 6, 20, "secret-invalid-name", "'OPENAI_KEY'"),
                d(6, 10, 6, 20, "secret-without-environment"));
        assertEquals("OPENAI_KEY", ds.get(0).data().get("suggestion"));
        assertCode("demo/pack.yaml", V1 + secrets, "secret-invalid-name");
    }

    @Test
    void duplicateKeysAreErrors() {
        var ds = assertDiagnostics("demo/pack.yaml", V1 + "name: Other\n", d(4, 0, 4, 4, "yaml-duplicate-key"));
        assertEquals(2, ds.get(0).related().get(0).range().start().line());
    }

    @Test
    void aSyntaxErrorIsOneDiagnosticAndTheRestIsStillChecked() {
        assertDiagnostics("demo/pack.yaml", V1 + "description: \"unterminated\npermissions:\n  - id: Network\n"
                        + "    reason: Calls api.openai.com\n",
                d(4, 13, 4, 26, "yaml-syntax"),
                d(6, 8, 6, 15, "permission-unknown-id"));
    }

    @Test
    void extraDocumentsAreAnError() {
        assertCode("demo/pack.yaml", V1 + "---\nid: again\n", "yaml-multiple-documents",
                d(4, 0, 4, 3, "yaml-multiple-documents"));
    }
}
