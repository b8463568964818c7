package dev.astrid.ls.rules;

import static dev.astrid.ls.ManifestAssert.PACK_HEAD;
import static dev.astrid.ls.ManifestAssert.assertCode;
import static dev.astrid.ls.ManifestAssert.d;
import static dev.astrid.ls.ManifestAssert.related;
import static dev.astrid.ls.core.Severity.WARNING;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.astrid.ls.core.Diagnostic;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** secret-undeclared, for a secret the pack's code reads and no manifest declares. */
class SecretReadInCodeTest {
    static final String PERMS = PACK_HEAD + "permissions:\n  - id: environment\n    reason: Reads the MeshCat token\n";
    static final String READ = "import os\ntoken = os.environ.get(\"MESHCAT_TOKEN\", \"\")\n";

    @Test
    void aSecretReadInCodeSitsOnTheSecretsKeyOrWhereThePermissionsGo() {
        Diagnostic d = assertCode(Map.of("demo/pack.yaml", PERMS, "demo/search.py", READ), "demo/pack.yaml",
                SecretsRule.UNDECLARED, d(4, 0, 4, 11, SecretsRule.UNDECLARED, WARNING, "Secret MESHCAT_TOKEN is read in "
                        + "code but declared nowhere: search.py:2 os.environ.get(\"MESHCAT_TOKEN\", \"\").")).get(0);
        assertEquals(List.of("demo/search.py:2:9 os.environ.get(\"MESHCAT_TOKEN\", \"\")"), related(d));
        assertEquals(Map.of("name", "MESHCAT_TOKEN"), d.data());
        assertCode(Map.of("demo/pack.yaml", PERMS + "secrets:\n  - name: OTHER_KEY\n    required: true\n",
                "demo/search.py", READ), "demo/pack.yaml", SecretsRule.UNDECLARED,
                d(7, 0, 7, 7, SecretsRule.UNDECLARED, WARNING, "Secret MESHCAT_TOKEN is read in code"));
    }

    @Test
    void declaredAnywhereInThePackIsEnough() {
        assertCode(Map.of("demo/pack.yaml", PERMS, "demo/search.py", READ, "demo/executors/s/executor.yaml",
                "schema_version: 1\nid: demo.s\nname: S\nversion: 1.0.0\nkind: external\nisolation:\n"
                        + "  secrets_required: [MESHCAT_TOKEN]\n"), "demo/pack.yaml", SecretsRule.UNDECLARED);
    }

    @Test
    void aSettingThatDoesNotLookSecretAndAHostVariableAreNotSecrets() {
        assertCode(Map.of("demo/pack.yaml", PERMS, "demo/run.py",
                "import os\nport = os.environ.get(\"RENDER_PORT\")\nproxy = os.environ.get(\"ASTRID_BROKER_PROXY\")\n"),
                "demo/pack.yaml", SecretsRule.UNDECLARED);
    }

    @Test
    void aSecretBothMentionedInAReasonAndReadIsReportedOnceOnTheReason() {
        String mentioned = PACK_HEAD + "permissions:\n  - id: environment\n    reason: Reads MESHCAT_TOKEN\n";
        assertCode(Map.of("demo/pack.yaml", mentioned, "demo/search.py", READ), "demo/pack.yaml", SecretsRule.UNDECLARED,
                d(6, 18, 6, 31, SecretsRule.UNDECLARED, WARNING, "named in this reason"));
    }

    @Test
    void aProviderTableAndAstridsCredentialLookupNameTheirVariable() {
        assertCode(Map.of("demo/pack.yaml", PERMS, "demo/keys.py", """
                import os
                from astrid.core.util.credentials_scope import CredentialsScope
                KEYS = {"mistral": "MISTRAL_API_KEY"}
                mistral = os.getenv(KEYS["mistral"])
                giphy = CredentialsScope.get_local("giphy")
                """), "demo/pack.yaml", SecretsRule.UNDECLARED,
                d(4, 0, 4, 11, SecretsRule.UNDECLARED, WARNING, "Secret GIPHY_API_KEY is read in code"),
                d(4, 0, 4, 11, SecretsRule.UNDECLARED, WARNING, "Secret MISTRAL_API_KEY is read in code"));
    }
}
