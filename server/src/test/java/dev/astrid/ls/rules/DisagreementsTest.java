package dev.astrid.ls.rules;

import static dev.astrid.ls.ManifestAssert.PACK_HEAD;
import static dev.astrid.ls.ManifestAssert.assertCode;
import static dev.astrid.ls.ManifestAssert.assertDiagnostics;
import static dev.astrid.ls.ManifestAssert.assertFix;
import static dev.astrid.ls.ManifestAssert.d;
import static dev.astrid.ls.ManifestAssert.fixTitles;
import static org.junit.jupiter.api.Assertions.assertEquals;


import org.junit.jupiter.api.Test;

/**
 * Issue 17's "disagreements to close": each an error exactly where the path that loads the pack
 * refuses it, else a warning that says Astrid accepts it. Each test names the Astrid message.
 */
class DisagreementsTest {
    static final String V2 = "schema_version: 2\nid: demo\nname: Demo\nversion: 1.0.0\ncapabilities: [render]\n";
    static final String V3 = V3RulesTest.HEAD + V3RulesTest.ACTION;
    static final String EXECUTOR = "schema_version: 1\nid: demo.render\nname: Render\nversion: \"1\"\nkind: external\n";

    @Test
    void zeroAndNegativeSchemaVersionsAreErrorsButAWholeFloatIsVersionOne() {
        // Astrid: unknown schema_version 0 (known: 1)
        assertDiagnostics("demo/pack.yaml", PACK_HEAD.replace("1\n", "0\n"),
                d(0, 16, 0, 17, SchemaVersionRule.VERSION_INVALID, "unknown schema_version 0"));
        assertDiagnostics("demo/pack.yaml", PACK_HEAD.replace("1\n", "-1\n"),
                d(0, 16, 0, 18, SchemaVersionRule.VERSION_INVALID, "unknown schema_version -1"));
        assertDiagnostics("demo/pack.yaml", PACK_HEAD.replace("schema_version: 1", "schema_version: 1.0"));
        // Astrid: schema_version must be integer 2 or 3
        assertCode("demo/pack.yaml", V2.replace("2\n", "2.0\n"), SchemaVersionRule.VERSION_INVALID,
                d(0, 16, 0, 19, SchemaVersionRule.VERSION_INVALID, "integer 2 or 3"));
        // Astrid: schema_version must be an integer, got str
        assertCode("demo/pack.yaml", PACK_HEAD.replace("1\n", "\"1\"\n"), SchemaRule.WRONG_TYPE,
                d(0, 16, 0, 19, SchemaRule.WRONG_TYPE, "got str"));
    }

    @Test
    void duplicateKeysAreErrorsOnlyWhereTheCanonicalLoaderReadsThem() {
        // Astrid (canonical _UniqueLoader): manifest contains duplicate key 'name'
        assertDiagnostics("demo/pack.yaml", V2 + "name: B\n",
                d(5, 0, 5, 4, YamlRule.DUPLICATE_KEY, "manifest contains duplicate key 'name'"));
        assertCode("demo/pack.yaml", V3 + "    description: Again\n", YamlRule.DUPLICATE_KEY,
                d(10, 4, 10, 15, YamlRule.DUPLICATE_KEY));
        // yaml.safe_load (v1 and every component manifest) and json.loads keep the last value silently
        var ds = assertDiagnostics("demo/pack.yaml", PACK_HEAD.replace("name: Demo", "name: A") + "name: B\n",
                d(2, 0, 2, 4, YamlRule.DUPLICATE_KEY_IGNORED, "keeps the last, on line 5: 'B'"));
        assertEquals(4, ds.get(0).related().get(0).range().start().line());
        assertCode("demo/executors/render/executor.yaml", EXECUTOR + "kind: built_in\n", YamlRule.DUPLICATE_KEY_IGNORED,
                d(4, 0, 4, 4, YamlRule.DUPLICATE_KEY_IGNORED, "'built_in'"));
        assertCode("demo/executors/render/executor.json", "{\"schema_version\": 1, \"id\": \"demo.render\", \"name\": \"R\", "
                        + "\"version\": \"1\", \"kind\": \"external\", \"kind\": \"built_in\"}", YamlRule.DUPLICATE_KEY_IGNORED,
                d(0, 72, 0, 78, YamlRule.DUPLICATE_KEY_IGNORED, "'built_in'"));
    }

    @Test
    void mergeKeysFollowEachLoader() {
        // v1 yaml.safe_load merges a top-level << (explicit keys win): no unknown key '<<', merged keys checked
        assertDiagnostics("demo/pack.yaml", PACK_HEAD + "<<: {description: Renders cards}\n");
        assertDiagnostics("demo/pack.yaml", PACK_HEAD + "<<: {descripton: Renders cards}\n",
                d(4, 5, 4, 15, SchemaRule.UNKNOWN_KEY, "did you mean 'description'?"));
        assertDiagnostics("demo/executors/render/executor.yaml", EXECUTOR + "<<: {description: Renders}\n");
        // Astrid (canonical): could not determine a constructor for the tag 'tag:yaml.org,2002:merge'
        assertDiagnostics("demo/pack.yaml", V2 + "<<: {description: Renders cards}\n",
                d(5, 0, 5, 2, YamlRule.MERGE_KEY, "tag:yaml.org,2002:merge"));
        assertCode("demo/pack.yaml", V3 + "    <<: {short_description: Cards}\n", YamlRule.MERGE_KEY,
                d(10, 4, 10, 6, YamlRule.MERGE_KEY));
    }

    @Test
    void jsonManifestsAreReadWithAStrictParser() {
        // Astrid: invalid JSON pack manifest …: Expecting property name enclosed in double quotes
        assertDiagnostics("demo/pack.json", "{\"schema_version\": 1, \"id\": \"demo\", \"name\": \"D\", \"version\": \"1\",}",
                d(0, 63, 0, 64, YamlRule.JSON_SYNTAX, "a trailing comma"));
        assertCode("demo/executors/render/executor.json", "{\"schema_version\": 1, // note\n\"id\": \"demo.render\"}",
                YamlRule.JSON_SYNTAX, d(0, 22, 0, 23, YamlRule.JSON_SYNTAX, "Expecting value"));
        assertCode("demo/pack.json", "{'schema_version': 1}", YamlRule.JSON_SYNTAX,
                d(0, 1, 0, 2, YamlRule.JSON_SYNTAX, "single-quoted"));
        // Python's json reads NaN: no syntax error
        assertCode("demo/pack.json", "{\"schema_version\": 1, \"id\": \"demo\", \"name\": \"D\", \"version\": \"1\", "
                + "\"metadata\": {\"v\": NaN}}", YamlRule.JSON_SYNTAX);
    }

    @Test
    void anUnquotedDateVersionIsAnErrorWithAQuotingFix() {
        // Astrid v1: version must be string, got date
        String v1 = PACK_HEAD.replace("version: 1.0.0", "version: 2024-01-01");
        assertDiagnostics("demo/pack.yaml", v1, d(3, 9, 3, 19, SchemaRule.WRONG_TYPE, "as a date"));
        assertFix("demo/pack.yaml", v1, SchemaRule.WRONG_TYPE, "Quote it: \"2024-01-01\"",
                PACK_HEAD.replace("version: 1.0.0", "version: \"2024-01-01\""));
        assertDiagnostics("demo/pack.yaml", PACK_HEAD.replace("version: 1.0.0", "version: \"2024-01-01\""));
        assertDiagnostics("demo/pack.yaml", PACK_HEAD.replace("version: 1.0.0", "version: 2024-01-01 10:00:00"),
                d(3, 9, 3, 28, SchemaRule.WRONG_TYPE, "as a date"));
        assertCode("demo/executors/render/executor.yaml", EXECUTOR.replace("version: \"1\"", "version: 2024-01-01"),
                SchemaRule.WRONG_TYPE, d(3, 9, 3, 19, SchemaRule.WRONG_TYPE, "as a date"));
        // canonical: the quoted date still fails X.Y.Z, and the fix says so
        String v2 = V2.replace("version: 1.0.0", "version: 2024-01-01");
        assertCode("demo/pack.yaml", v2, SchemaRule.WRONG_TYPE, d(3, 9, 3, 19, SchemaRule.WRONG_TYPE));
        assertEquals("Quote it: \"2024-01-01\" (still not an X.Y.Z version)",
                fixTitles("demo/pack.yaml", v2, SchemaRule.WRONG_TYPE).get(0));
    }

    @Test
    void v1ExtensionsAreAClosedObject() {
        // Astrid v1: unknown field(s) in extensions
        assertDiagnostics("demo/pack.yaml", PACK_HEAD + "extensions:\n  generaton: {}\n",
                d(5, 2, 5, 11, SchemaRule.UNKNOWN_KEY, "did you mean 'generation'?"));
        assertDiagnostics("demo/pack.yaml", PACK_HEAD + "extensions:\n  elements:\n    kinds: [{id: widgets, colour: red}]\n",
                d(6, 26, 6, 32, SchemaRule.UNKNOWN_KEY, "unknown field(s) in extensions.elements.kinds.0"));
        assertDiagnostics("demo/pack.yaml", PACK_HEAD + "extensions:\n  schemas: {anything: 1}\n"
                + "  rendering: {renderers: [renderer.yaml]}\n");
    }

    @Test
    void v1DocsIsAFreeObjectAndEmptyTaxonomyValuesAreUnset() {
        assertCode("demo/pack.yaml", PACK_HEAD + "docs: {readme: 5}\n", SchemaRule.WRONG_TYPE);
        assertDiagnostics("demo/pack.yaml", PACK_HEAD + "domain: \"\"\norigin: \"\"\n");
        assertDiagnostics("demo/pack.yaml", PACK_HEAD + "domain: timeline\n");
        // Astrid v1: domain must be one of [...], got 'video'
        assertDiagnostics("demo/pack.yaml", PACK_HEAD + "domain: video\n",
                d(4, 8, 4, 13, SchemaRule.INVALID_VALUE, "got 'video'"));
    }

    @Test
    void blankSecretNamesAreErrorsInV2AndWarningsInV1() {
        String secrets = "secrets:\n  - name: \"\"\n    required: true\n";
        // Astrid v2: secrets.0.name: '' does not match '^[A-Z][A-Z0-9_]*$'
        assertCode("demo/pack.yaml", V2 + secrets, SecretsRule.INVALID_NAME,
                d(6, 10, 6, 12, SecretsRule.INVALID_NAME, "does not match"));
        assertCode("demo/pack.yaml", V2 + secrets.replace("\"\"", "\"  \""), SecretsRule.INVALID_NAME,
                d(6, 10, 6, 14, SecretsRule.INVALID_NAME));
        // Astrid v1 (trust summary): secrets[0]: empty or missing secret name
        assertCode("demo/pack.yaml", PACK_HEAD + secrets, SecretsRule.BLANK_NAME,
                d(5, 10, 5, 12, SecretsRule.BLANK_NAME, "empty or missing secret name"));
        // v3 secrets are free mappings for Astrid's schema
        assertCode("demo/pack.yaml", V3 + secrets, SecretsRule.INVALID_NAME);
        assertCode("demo/pack.yaml", V3 + secrets, SecretsRule.BLANK_NAME);
    }
}
