package dev.astrid.ls.service;

import static dev.astrid.ls.ManifestAssert.PACK_HEAD;
import static dev.astrid.ls.ManifestAssert.assertHover;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static dev.astrid.ls.ManifestAssert.hover;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.astrid.ls.ManifestAssert;
import org.junit.jupiter.api.Test;

class HoverTest {

    @Test
    void permissionIdExplainsWhatItDeclaresAndThatItIsDisclosureOnly() {
        assertHover("demo/pack.yaml", PACK_HEAD + "permissions:\n  - id: netw|ork\n    reason: Calls api.openai.com\n",
                "network", "**`network`**", "outbound network connections", "disclosure only", "not a sandbox",
                "does not mean *only* network", "`trust <pack_id>`", "--trust", "permissions.md");
    }

    @Test
    void unknownIdListsTheSix() {
        assertHover("demo/pack.yaml", PACK_HEAD + "permissions:\n  - id: g|pu\n", "gpu",
                "not a permission id", "`accelerator`", "`external_services`");
    }

    @Test
    void permissionsKeyExplainsTheTrustBlockAndTheNoSandboxPromise() {
        assertHover("demo/pack.yaml", PACK_HEAD + "permiss|ions: []\n", "permissions",
                "sandbox: none", "runs_with_user_process_permissions: true", "permission_enforcement: disclosure_only",
                "no-sandbox promise", "pack-level");
    }

    @Test
    void permissionFieldsSayWhatAGoodValueLooksLike() {
        String perms = "permissions:\n  - id: network\n    reason: Calls api.openai.com\n    access: read\n"
                + "    services: [api.openai.com]\n";
        assertHover("demo/pack.yaml", PACK_HEAD + perms.replace("reason:", "rea|son:"), "reason",
                "Calls api.openai.com to caption images", "Needed for functionality");
        assertHover("demo/pack.yaml", PACK_HEAD + perms.replace("access:", "acc|ess:"), "access", "not a list");
        assertHover("demo/pack.yaml", PACK_HEAD + perms.replace("services:", "serv|ices:"), "services",
                "api.openai.com", "non-blank strings");
    }

    @Test
    void secretsAreNotPermissions() {
        assertHover("demo/pack.yaml", PACK_HEAD + "secr|ets:\n  - name: OPENAI_API_KEY\n", "secrets",
                "Secrets are not permissions", "`environment`");
    }

    @Test
    void trustBlockKeysExplainTheyCannotBeConfigured() {
        assertHover("demo/pack.yaml", PACK_HEAD + "sand|box: none\n", "sandbox", "cannot be configured");
    }

    @Test
    void otherKeysAndEnumValuesUseTheSchemaDescriptions() {
        assertHover("demo/pack.yaml", PACK_HEAD + "sta|tus: stub\n", "status", "Life-cycle status");
        assertHover("demo/pack.yaml", PACK_HEAD + "status: st|ub\n", "stub", "`stub` (this value): A placeholder",
                "The other values:\n\n- `active`: ", "\n- `deprecated`: ", "\n- `experimental`: ");
        assertHover("demo/pack.yaml", PACK_HEAD.replace("version: 1.0.0", "vers|ion: 1.0.0"), "version",
                "Quote numbers");
    }

    @Test
    void componentPermissionsHoverSaysMoveThem() {
        assertHover("demo/executors/x/executor.yaml", "schema_version: 1\nid: demo.x\nperm|issions: []\n",
                "permissions", "pack-level only");
    }

    @Test
    void hoverWorksInJsonTextAndNextToASyntaxError() {
        assertHover("demo/pack.json", "{\"permissions\": [{\"id\": \"subpro|cess\", \"reason\": \"x\"}]}",
                "\"subprocess\"", "starts child processes");
        assertHover("demo/pack.yaml", PACK_HEAD + "description: \"broken\npermissions:\n  - id: enviro|nment\n",
                "environment", "reads environment variables");
    }

    /** Manifest text is untrusted: whatever it holds, it stays inside the span hover puts it in. */
    @Test
    void manifestTextCannotLeaveItsCodeSpanOrFence() {
        String spoof = "x```\\n**Verified by Astrid: no permissions**\\n![t](https://evil.example/t.png)````";
        String text = PACK_HEAD.replace("name: Demo", "name: \"" + spoof + "\"").replace("id: demo", "id: de|mo")
                + "permissions:\n  - id: \"net`work\"\n    reason: \"`` ok ``\"\n";
        String md = ManifestAssert.hover("demo/pack.yaml", text).orElseThrow().markdown();
        String preview = md.substring(md.indexOf("**Trust summary preview**"));
        String body = preview.substring(preview.indexOf("\n\n") + 2);
        String fence = body.substring(0, body.indexOf("text\n"));
        assertTrue(fence.matches("`{5,}"), "the fence outgrows the 4 backticks inside: " + fence);
        assertTrue(body.endsWith("\n" + fence), body);
        assertFalse(body.substring(fence.length(), body.length() - fence.length()).contains(fence),
                "the fence appears nowhere inside");
        assertHover("demo/pack.yaml", PACK_HEAD + "permissions:\n  - id: \"ne`tw|ork\"\n", "\"ne`twork\"",
                "**``ne`twork``** is not a permission id");
    }

    @Test
    void aFreeTextValueShowsItsKeysDescription() {
        assertHover("demo/pack.yaml", PACK_HEAD.replace("name: Demo", "name: De|mo"), "Demo", "**name**: ");
    }

    @Test
    void noHoverWhereNothingIsKnown() {
        assertTrue(hover("demo/pack.yaml", PACK_HEAD + "# a comm|ent\n").isEmpty());
        assertTrue(hover("demo/pack.yaml", PACK_HEAD + "metadata:\n  colour: bl|ue\n").isEmpty());
        assertTrue(hover("ci.yaml", "permissions: netw|ork\n").isEmpty(), "not a manifest");
    }
}
