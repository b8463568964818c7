package dev.astrid.ls.rules;

import static dev.astrid.ls.ManifestAssert.PACK_HEAD;
import static dev.astrid.ls.ManifestAssert.assertCode;
import static dev.astrid.ls.ManifestAssert.assertDiagnostics;
import static dev.astrid.ls.ManifestAssert.assertFix;
import static dev.astrid.ls.ManifestAssert.d;
import static dev.astrid.ls.ManifestAssert.fixAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.astrid.ls.core.Severity;
import org.junit.jupiter.api.Test;

/** Permission text as Astrid reads it: Python's idea of blank, its one-line pattern, null blocks, v3 ids. */
class PermissionFidelityTest {
    static final String V2 = "schema_version: 2\nid: demo\nname: Demo\nversion: 1.0.0\ncapabilities: [render]\n";
    static final String V3 = "schema_version: 3\nid: demo\nname: Demo\nversion: 1.0.0\ndocumentation: {kind: agents, path: AGENTS.md}\n";
    static final String LITERAL = "permissions:\n  - id: network\n    reason: |\n      Calls api.example.com\n      to render cards\n";
    static final String FOLDED = LITERAL.replace("reason: |", "reason: >");

    @Test
    void aLiteralReasonOfSeveralLinesIsAnErrorAndTheFixFoldsIt() {
        // Astrid: permissions.0.reason value 'Calls …\nto render cards\n' does not match required pattern
        assertDiagnostics("demo/pack.yaml", PACK_HEAD + LITERAL,
                d(6, 12, 8, 21, PermissionShapeRule.MULTILINE, "does not match required pattern"));
        assertFix("demo/pack.yaml", PACK_HEAD + LITERAL, PermissionShapeRule.MULTILINE, "Fold it into one line",
                PACK_HEAD + FOLDED);
        assertEquals(PACK_HEAD + FOLDED, fixAll("demo/pack.yaml", PACK_HEAD + LITERAL));
        assertDiagnostics("demo/pack.yaml", PACK_HEAD + FOLDED);
        assertDiagnostics("demo/pack.yaml", V2 + FOLDED);
    }

    @Test
    void oneLineBlocksPassAndParagraphsOrEscapesDoNot() {
        assertDiagnostics("demo/pack.yaml", PACK_HEAD + "permissions:\n  - id: network\n    reason: |\n"
                + "      Calls api.example.com to render cards\n");
        String paragraphs = "permissions:\n  - id: network\n    reason: >\n      Calls api.example.com\n\n      to render\n";
        assertCode("demo/pack.yaml", V2 + paragraphs, PermissionShapeRule.MULTILINE,
                d(7, 12, 10, 15, PermissionShapeRule.MULTILINE));
        assertFix("demo/pack.yaml", V2 + paragraphs, PermissionShapeRule.MULTILINE, "Fold it into one line",
                V2 + "permissions:\n  - id: network\n    reason: Calls api.example.com to render\n");
        String escaped = "permissions:\n  - id: network\n    reason: \"Calls api.example.com\\nto render\"\n";
        assertFix("demo/pack.yaml", V3 + escaped, PermissionShapeRule.MULTILINE, "Fold it into one line",
                V3 + "permissions:\n  - id: network\n    reason: Calls api.example.com to render\n");
    }

    @Test
    void jsonReasonsFoldIntoValidJson() {
        String json = "{\"schema_version\": 1, \"id\": \"demo\", \"name\": \"Demo\", \"version\": \"1\", \"permissions\": "
                + "[{\"id\": \"network\", \"reason\": \"Calls api.example.com\\nto render\"}]}";
        assertFix("demo/pack.json", json, PermissionShapeRule.MULTILINE, "Fold it into one line",
                json.replace("\\nto", " to"));
    }

    @Test
    void aReasonOfUnicodeSpacesIsBlank() {
        // Astrid: permissions[0].reason must be a non-empty string (Python's strip() removes U+00A0, U+3000…)
        assertDiagnostics("demo/pack.yaml", PACK_HEAD + "permissions:\n  - id: network\n    reason: \"\\u00a0\"\n",
                d(6, 12, 6, 20, PermissionShapeRule.BLANK_REASON, "non-empty string"));
        assertCode("demo/pack.yaml", PACK_HEAD + "permissions:\n  - id: network\n    reason: \"\\u3000\\u2003\"\n",
                PermissionShapeRule.BLANK_REASON, d(6, 12, 6, 26, PermissionShapeRule.BLANK_REASON));
        // U+200B is not white space to Python: Astrid accepts it, only the vague-reason check speaks
        assertCode("demo/pack.yaml", PACK_HEAD + "permissions:\n  - id: network\n    reason: \"\\u200b\"\n",
                PermissionShapeRule.BLANK_REASON);
    }

    @Test
    void aNullPermissionsBlockIsAnError() {
        // Astrid v1: permissions must be array, got NoneType; canonical: permissions: None is not of type 'array'
        assertDiagnostics("demo/pack.yaml", PACK_HEAD + "permissions:\n",
                d(4, 0, 4, 11, PermissionShapeRule.NOT_LIST, "got NoneType"));
        assertCode("demo/pack.yaml", V2 + "permissions: ~\n", PermissionShapeRule.NOT_LIST,
                d(5, 13, 5, 14, PermissionShapeRule.NOT_LIST, "None is not of type 'array'"));
        assertFix("demo/pack.yaml", PACK_HEAD + "permissions:\n", PermissionShapeRule.NOT_LIST,
                "Declare nothing: permissions: []", PACK_HEAD + "permissions: []\n");
    }

    @Test
    void otherNullBlocksAreTypeErrors() {
        // Astrid v1: docs must be object, got NoneType; v3: resources: None is not of type 'array'
        assertDiagnostics("demo/pack.yaml", PACK_HEAD + "docs:\n", d(4, 0, 4, 4, SchemaRule.WRONG_TYPE, "mapping"));
        assertCode("demo/pack.yaml", V3 + "resources:\n", SchemaRule.WRONG_TYPE,
                d(5, 0, 5, 9, SchemaRule.WRONG_TYPE, "must be a list"));
    }

    @Test
    void aV3PermissionIdOutsideTheSixIsAnErrorAsItsRuntimeLoaderRefusesIt() {
        // Astrid-agent loader.py runs permissions.py: permissions[0].id must be one of ['project_files', …]
        assertCode("demo/pack.yaml", V3 + "permissions:\n  - id: gpu_cluster\n    reason: Uses the cluster\n",
                PermissionShapeRule.UNKNOWN_ID,
                d(6, 8, 6, 19, PermissionShapeRule.UNKNOWN_ID, Severity.ERROR));
    }
}
