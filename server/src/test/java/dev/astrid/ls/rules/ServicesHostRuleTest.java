package dev.astrid.ls.rules;

import static dev.astrid.ls.ManifestAssert.PACK_HEAD;
import static dev.astrid.ls.ManifestAssert.assertCode;
import static dev.astrid.ls.ManifestAssert.d;
import static dev.astrid.ls.core.Severity.INFORMATION;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** services-missing-host: a host the code certainly contacts, missing from network's services. */
class ServicesHostRuleTest {
    static final String CALL = "import urllib.request\n\ndef models():\n"
            + "    return urllib.request.urlopen(\"https://api.mistral.ai/v1/models\")\n";

    static String pack(String services) {
        return PACK_HEAD + "permissions:\n  - id: network\n    reason: Calls api.mistral.ai for model lists\n" + services;
    }

    @Test
    void aContactedHostMissingFromServicesIsInformationOnTheServicesKey() {
        assertCode(Map.of("demo/pack.yaml", pack("    services: [api.openai.com]\n"), "demo/models.py", CALL),
                "demo/pack.yaml", ServicesHostRule.MISSING_HOST, d(7, 4, 7, 12, ServicesHostRule.MISSING_HOST, INFORMATION,
                        "api.mistral.ai is contacted but not in the `network` permission's services: models.py:4 "
                                + "\"https://api.mistral.ai/v1/models\""));
    }

    @Test
    void withoutServicesItSitsOnTheId() {
        assertCode(Map.of("demo/pack.yaml", pack(""), "demo/models.py", CALL), "demo/pack.yaml",
                ServicesHostRule.MISSING_HOST, d(5, 8, 5, 15, ServicesHostRule.MISSING_HOST, INFORMATION));
    }

    @Test
    void aParentDomainOrTheServicesNameCoversTheHost() {
        assertCode(Map.of("demo/pack.yaml", pack("    services: [mistral.ai]\n"), "demo/models.py", CALL),
                "demo/pack.yaml", ServicesHostRule.MISSING_HOST);
        assertCode(Map.of("demo/pack.yaml", pack("    services: [Mistral AI]\n"), "demo/models.py", CALL),
                "demo/pack.yaml", ServicesHostRule.MISSING_HOST);
    }

    @Test
    void aUrlNotTracedToARequestOrAPackWithoutNetworkSaysNothingHere() {
        assertCode(Map.of("demo/pack.yaml", pack("    services: [api.openai.com]\n"), "demo/docs.py",
                "import requests\nrequests.get(url)\nLINKS = [\"https://api.mistral.ai/docs\"]\n"), "demo/pack.yaml",
                ServicesHostRule.MISSING_HOST);
        assertCode(Map.of("demo/pack.yaml", PACK_HEAD, "demo/models.py", CALL), "demo/pack.yaml",
                ServicesHostRule.MISSING_HOST);
    }
}
