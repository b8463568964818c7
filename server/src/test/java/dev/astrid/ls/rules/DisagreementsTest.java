package dev.astrid.ls.rules;

import static dev.astrid.ls.ManifestAssert.PACK_HEAD;
import static dev.astrid.ls.ManifestAssert.assertCode;
import static dev.astrid.ls.ManifestAssert.assertDiagnostics;
import static dev.astrid.ls.ManifestAssert.d;

import org.junit.jupiter.api.Test;

/**
 * Issue 17's "disagreements to close": each an error exactly where the path that loads the pack
 * refuses it, else a warning that says Astrid accepts it. Each test names the Astrid message.
 */
class DisagreementsTest {
    static final String V2 = "schema_version: 2\nid: demo\nname: Demo\nversion: 1.0.0\ncapabilities: [render]\n";

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
}
