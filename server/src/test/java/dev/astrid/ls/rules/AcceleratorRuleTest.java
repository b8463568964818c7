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

/** accelerator-undeclared: work moved to a GPU. */
class AcceleratorRuleTest {
    static final String PERMS = PACK_HEAD + "permissions:\n  - id: project_files\n    reason: Reads the page images\n";

    @Test
    void aModelMovedToCudaIsAGpuUse() {
        Diagnostic d = assertCode(Map.of("demo/pack.yaml", PERMS, "demo/classify.py",
                "import torch\nmodel = load().to(\"cuda\")\n"), "demo/pack.yaml", AcceleratorRule.UNDECLARED,
                d(4, 0, 4, 11, AcceleratorRule.UNDECLARED, WARNING, "Undeclared `accelerator`: classify.py:2 .to(\"cuda\")"))
                .get(0);
        assertEquals("Runs work on a CUDA GPU", d.data().get("reason"));
    }

    @Test
    void onlyCheckingForAGpuIsInformation() {
        assertCode(Map.of("demo/pack.yaml", PERMS, "demo/probe.py",
                "import torch\nok = torch.cuda.is_available()\n"), "demo/pack.yaml", AcceleratorRule.UNDECLARED,
                d(4, 0, 4, 11, AcceleratorRule.UNDECLARED, INFORMATION, "(only checks whether a GPU is there)"));
    }
}
