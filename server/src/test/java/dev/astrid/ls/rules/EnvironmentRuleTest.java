package dev.astrid.ls.rules;

import static dev.astrid.ls.ManifestAssert.PACK_HEAD;
import static dev.astrid.ls.ManifestAssert.assertCode;
import static dev.astrid.ls.ManifestAssert.d;
import static dev.astrid.ls.core.Severity.INFORMATION;
import static dev.astrid.ls.core.Severity.WARNING;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.astrid.ls.core.Diagnostic;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** environment-undeclared: variables the code reads, not those the Astrid host provides. */
class EnvironmentRuleTest {
    static final String PERMS = PACK_HEAD + "permissions:\n  - id: subprocess\n    reason: Runs chromium for screenshots\n";

    @Test
    void aVariableHeldInAConstantIsRead() {
        Diagnostic d = assertCode(Map.of("demo/pack.yaml", PERMS, "demo/run.py",
                "import os\nBROWSER = \"PAGE_SNAP_BROWSER\"\npath = os.environ.get(BROWSER) or \"chromium\"\n"),
                "demo/pack.yaml", EnvironmentRule.UNDECLARED, d(4, 0, 4, 11, EnvironmentRule.UNDECLARED, WARNING,
                        "Undeclared `environment`: run.py:3 os.environ.get(BROWSER) → PAGE_SNAP_BROWSER.")).get(0);
        assertEquals("Reads PAGE_SNAP_BROWSER", d.data().get("reason"));
    }

    @Test
    void theHostsTaskVariablesAndTheCodeInsideAPython3DashCStringAreNotTheCodesOwnReads() {
        assertCode(Map.of("demo/pack.yaml", PERMS, "demo/run.py", """
                import os
                from astrid.orchestrate import code
                run = os.environ["ASTRID_TASK_RUN_ID"]
                home = os.getenv("HOME")
                step = code("s", argv=["python3", "-c", "import os; print(os.environ['USER_SECRET_TOKEN'])"])
                """), "demo/pack.yaml", EnvironmentRule.UNDECLARED);
    }

    @Test
    void aNameKnownOnlyAtRunTimeIsInformation() {
        assertCode(Map.of("demo/pack.yaml", PERMS, "demo/run.py", "import os\nkey = os.environ[f\"{provider}_KEY\"]\n"),
                "demo/pack.yaml", EnvironmentRule.UNDECLARED, d(4, 0, 4, 11, EnvironmentRule.UNDECLARED, INFORMATION,
                        "(the variable's name is computed at run time)"));
    }

    @Test
    void aDeclaredSecretIsLeftToSecretWithoutEnvironmentButAPassThroughVariableIsEvidence() {
        String exec = "schema_version: 1\nid: demo.x\nname: X\nversion: 1.0.0\nkind: external\nisolation:\n";
        assertCode(Map.of("demo/pack.yaml", PERMS, "demo/executors/x/executor.yaml", exec
                + "  secrets_required: [FAL_KEY]\n"), "demo/pack.yaml", EnvironmentRule.UNDECLARED);
        assertCode(Map.of("demo/pack.yaml", PERMS, "demo/executors/x/executor.yaml", exec
                + "  env_passthrough: [RENDER_REGION]\n"), "demo/pack.yaml", EnvironmentRule.UNDECLARED,
                d(4, 0, 4, 11, EnvironmentRule.UNDECLARED, WARNING,
                        "executors/x/executor.yaml:7 isolation.env_passthrough: RENDER_REGION"));
    }
}
