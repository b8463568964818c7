package dev.astrid.ls.rules;

import static dev.astrid.ls.ManifestAssert.PACK_HEAD;
import static dev.astrid.ls.ManifestAssert.assertCode;
import static dev.astrid.ls.ManifestAssert.d;
import static dev.astrid.ls.core.Severity.INFORMATION;
import static dev.astrid.ls.core.Severity.WARNING;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.astrid.ls.core.Diagnostic;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** external-services-undeclared: SDKs, known API hosts, Astrid's credential lookups, api_provider. */
class ExternalServicesRuleTest {
    static final String PERMS = PACK_HEAD + "permissions:\n  - id: network\n    reason: Uploads textures to Replicate\n";

    @Test
    void aServiceSdkCallIsAPaidServiceUse() {
        Diagnostic d = assertCode(Map.of("demo/pack.yaml", PERMS, "demo/upscale.py",
                "import replicate\nout = replicate.run(\"nightmareai/real-esrgan\", input={})\n"), "demo/pack.yaml",
                ExternalServicesRule.UNDECLARED, d(4, 0, 4, 11, ExternalServicesRule.UNDECLARED, WARNING,
                        "Undeclared `external_services`: upscale.py:2 replicate.run(...).")).get(0);
        assertEquals("Sends requests to Replicate", d.data().get("reason"));
        assertEquals(List.of("Replicate"), d.data().get("services"));
    }

    @Test
    void aComponentsApiProviderAndAstridsCredentialLookupAreEvidence() {
        assertCode(Map.of("demo/pack.yaml", PERMS, "demo/executors/x/executor.yaml", "schema_version: 1\nid: demo.x\n"
                + "name: X\nversion: 1.0.0\nkind: external\nmetadata:\n  api_provider: openai\n"), "demo/pack.yaml",
                ExternalServicesRule.UNDECLARED, d(4, 0, 4, 11, ExternalServicesRule.UNDECLARED, WARNING,
                        "executors/x/executor.yaml:7 metadata.api_provider: openai"));
        assertCode(Map.of("demo/pack.yaml", PERMS, "demo/run.py", "from astrid.core.util.credentials_scope import "
                + "CredentialsScope\nkey = CredentialsScope.get_local(\"fal\")\n"), "demo/pack.yaml",
                ExternalServicesRule.UNDECLARED, d(4, 0, 4, 11, ExternalServicesRule.UNDECLARED, WARNING,
                        "run.py:2 CredentialsScope.get_local(\"fal\")"));
    }

    @Test
    void anSdkImportedButNeverCalledIsInformation() {
        assertCode(Map.of("demo/pack.yaml", PERMS, "demo/run.py", "import openai\n"), "demo/pack.yaml",
                ExternalServicesRule.UNDECLARED, d(4, 0, 4, 11, ExternalServicesRule.UNDECLARED, INFORMATION,
                        "run.py:1 import openai (imported, but no call of it was seen)"));
    }
}
