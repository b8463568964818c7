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

    @Test
    void publicIdentitiesAreUniqueAcrossSections() {
        // Astrid: ui.render duplicates public identity 'demo.render'
        var ds = assertCode("demo/pack.yaml", HEAD + ACTION + "ui:\n  render: {type: editor, entry: ui/render.tsx}\n",
                CanonicalAdmissionRule.DUPLICATE_IDENTITY,
                d(11, 2, 11, 8, CanonicalAdmissionRule.DUPLICATE_IDENTITY, "ui.render duplicates public identity 'demo.render'"));
        org.junit.jupiter.api.Assertions.assertEquals(5, ds.get(0).related().get(0).range().start().line());
        // Astrid: aliases duplicates public identity 'demo.render'
        assertCode("demo/pack.yaml", HEAD + ACTION + "aliases: [{kind: executor, alias: demo.render, canonical_id: demo.draw}]\n",
                CanonicalAdmissionRule.DUPLICATE_IDENTITY,
                d(10, 34, 10, 45, CanonicalAdmissionRule.DUPLICATE_IDENTITY, "aliases duplicates public identity"));
    }

    @Test
    void renderingKeysMustFitTheirType() {
        // Astrid: rendering.glow has invalid local identity
        assertDiagnostics("demo/pack.yaml", HEAD + "rendering:\n  glow: {type: element, path: rendering/glow.yaml}\n",
                d(5, 2, 5, 6, CanonicalAdmissionRule.RENDERING_KEY, "rendering.glow has invalid local identity"));
        assertDiagnostics("demo/pack.yaml", HEAD + "rendering:\n  effects/x: {type: renderer, path: rendering/x.yaml}\n",
                d(5, 2, 5, 11, CanonicalAdmissionRule.RENDERING_KEY, "its type is renderer"));
        assertDiagnostics("demo/pack.yaml", HEAD + "rendering:\n  effects/glow: {type: element, path: rendering/glow.yaml}\n");
    }

    @Test
    void portNamesAreUniquePerSlot() {
        // Astrid: actions.render.inputs contains duplicate port names
        assertDiagnostics("demo/pack.yaml", HEAD + ACTION.replace("[{name: title, type: string}]",
                        "[{name: title, type: string}, {name: title}]"),
                d(8, 49, 8, 54, CanonicalAdmissionRule.DUPLICATE_PORT, "contains duplicate port names"));
    }

    @Test
    void aliasesAreDistinctIdsOfThisPack() {
        // Astrid: aliases[0] must be distinct IDs owned by 'demo'
        assertDiagnostics("demo/pack.yaml", HEAD + ACTION + "aliases: [{kind: executor, alias: demo.old, canonical_id: other.render}]\n",
                d(10, 58, 10, 70, CanonicalAdmissionRule.ALIAS_NOT_OWNED, "must be distinct IDs owned by 'demo'"));
        assertDiagnostics("demo/pack.yaml", HEAD + ACTION + "aliases: [{kind: executor, alias: demo.old, canonical_id: demo.old}]\n",
                d(10, 58, 10, 66, CanonicalAdmissionRule.ALIAS_NOT_OWNED, "points at itself"));
        assertDiagnostics("demo/pack.yaml", HEAD + ACTION + "aliases: [{kind: executor, alias: demo.old, canonical_id: demo.render}]\n");
    }

    @Test
    void floatsAndDatesInDeclarationsAreRefused() {
        // Astrid: actions.render.inputs[].default must contain JSON values
        assertDiagnostics("demo/pack.yaml", HEAD + ACTION.replace("{name: title, type: string}",
                        "{name: strength, type: number, required: false, default: 0.5}"),
                d(8, 70, 8, 73, CanonicalAdmissionRule.NOT_JSON, "actions.render.inputs[].default must contain JSON values"));
        assertDiagnostics("demo/pack.yaml", HEAD + ACTION.replace("{name: title, type: string}",
                "{name: strength, type: number, required: false, default: 1}"));
        assertDiagnostics("demo/pack.yaml", HEAD + ACTION + "agent:\n  since: 2024-01-01\n",
                d(11, 9, 11, 19, CanonicalAdmissionRule.NOT_JSON, "agent.since must contain JSON values"));
    }

    @Test
    void theExecutorParserRefusesOtherIsolationAndCacheModesInActions() {
        // Astrid: isolation.mode must be one of ['subprocess']
        assertDiagnostics("demo/pack.yaml", HEAD + ACTION + "    isolation: {mode: in_process}\n",
                d(10, 22, 10, 32, SchemaRule.INVALID_VALUE, "isolation.mode must be one of ['subprocess']"));
        assertDiagnostics("demo/pack.yaml", HEAD + ACTION + "    isolation: {}\n");
    }
}
