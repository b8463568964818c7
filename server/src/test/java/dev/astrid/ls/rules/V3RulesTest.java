package dev.astrid.ls.rules;

import static dev.astrid.ls.ManifestAssert.assertCode;
import static dev.astrid.ls.ManifestAssert.assertDiagnostics;
import static dev.astrid.ls.ManifestAssert.assertFix;
import static dev.astrid.ls.ManifestAssert.assertHover;
import static dev.astrid.ls.ManifestAssert.complete;
import static dev.astrid.ls.ManifestAssert.d;
import static dev.astrid.ls.ManifestAssert.labels;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Schema v3 as Astrid-agent's canonical admission reads it (astrid/core/pack/canonical.py and
 * schemas/v3/pack.json @ 7b4ac89): structure, hover and completion from our v3 schema, and the
 * admission checks the schema cannot express. Each test names the Astrid message it mirrors.
 */
class V3RulesTest {
    static final String HEAD = "schema_version: 3\nid: demo\nname: Demo\nversion: 1.0.0\n";
    static final String ACTION = "actions:\n  render:\n    description: Renders one card\n"
            + "    invocation: {kind: python, path: actions/render.py, function: run}\n"
            + "    inputs: [{name: title, type: string}]\n    outputs: [{name: card, type: file}]\n";

    @Test
    void aMinimalV3PackIsValid() {
        assertDiagnostics("demo/pack.yaml", HEAD + ACTION);
    }

    @Test
    void floatSchemaVersionIsRefused() {
        // Astrid: schema_version must be integer 2 or 3
        assertDiagnostics("demo/pack.yaml", HEAD.replace("3\n", "3.0\n") + ACTION,
                d(0, 16, 0, 19, SchemaVersionRule.VERSION_INVALID, "must be integer 2 or 3"));
        assertFix("demo/pack.yaml", HEAD.replace("3\n", "3.0\n") + ACTION, SchemaVersionRule.VERSION_INVALID,
                "Write 3", HEAD + ACTION);
    }

    @Test
    void anActionKeyWithACapitalIsMarkedOnTheKey() {
        // Astrid: actions.Render has invalid local identity
        String text = HEAD + ACTION.replace("  render:", "  Render:");
        assertDiagnostics("demo/pack.yaml", text,
                d(5, 2, 5, 8, SchemaRule.INVALID_VALUE, "actions.Render has invalid local identity"));
        assertFix("demo/pack.yaml", text, SchemaRule.INVALID_VALUE, "Change to 'render'", HEAD + ACTION);
    }

    @Test
    void pythonCodeOutsideActionsIsRefused() {
        // Astrid: actions.render.invocation.path must be beneath actions/
        assertDiagnostics("demo/pack.yaml", HEAD + ACTION.replace("path: actions/render.py", "path: src/render.py"),
                d(7, 37, 7, 50, SchemaRule.INVALID_VALUE, "beneath `actions/`"));
    }

    @Test
    void aPackThatContributesNothingIsRefused() {
        // Astrid: pack: {...} is not valid under any of the given schemas
        assertDiagnostics("demo/pack.yaml", HEAD + "permissions: []\n",
                d(0, 0, 0, 14, SchemaRule.INVALID_VALUE, "must contribute something"));
    }

    @Test
    void unknownKeysOfferDidYouMean() {
        assertCode("demo/pack.yaml", HEAD + ACTION.replace("    description:", "    descripton:"), SchemaRule.UNKNOWN_KEY,
                d(6, 4, 6, 14, SchemaRule.UNKNOWN_KEY, "did you mean 'description'?"));
    }

    @Test
    void hoverAndCompletionComeFromTheV3Schema() {
        assertHover("demo/pack.yaml", HEAD + "act|ions: {}\n", "actions", "callable actions");
        assertTrue(labels(complete("demo/pack.yaml", HEAD + "actions:\n  render:\n    invocation:\n      kind: |\n"))
                .containsAll(java.util.List.of("python", "command")));
        assertTrue(labels(complete("demo/pack.yaml", HEAD + "actions:\n  render:\n    |\n"))
                .containsAll(java.util.List.of("description", "invocation", "inputs", "outputs")));
    }
}
