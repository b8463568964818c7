package dev.astrid.ls.rules;

import static dev.astrid.ls.ManifestAssert.PACK_HEAD;
import static dev.astrid.ls.ManifestAssert.assertCode;
import static dev.astrid.ls.ManifestAssert.d;
import static dev.astrid.ls.ManifestAssert.related;
import static dev.astrid.ls.core.Severity.INFORMATION;
import static dev.astrid.ls.core.Severity.WARNING;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.astrid.ls.core.Diagnostic;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** subprocess-undeclared: programs the code or the components start. */
class SubprocessRuleTest {
    static final String PERMS = PACK_HEAD + "permissions:\n  - id: project_files\n    reason: Writes the MP4\n";

    @Test
    void aProgramStartedInCodeIsNamed() {
        Diagnostic d = assertCode(Map.of("demo/pack.yaml", PERMS, "demo/encode.py",
                "import subprocess\nsubprocess.run([\"ffmpeg\", \"-i\", src, out], check=True)\n"), "demo/pack.yaml",
                SubprocessRule.UNDECLARED, d(4, 0, 4, 11, SubprocessRule.UNDECLARED, WARNING,
                        "Undeclared `subprocess`: encode.py:2 subprocess.run(\"ffmpeg\", ...)")).get(0);
        assertEquals("Runs ffmpeg", d.data().get("reason"));
    }

    @Test
    void aComponentsBinariesAndArgvProgramAreEvidenceThePythonInterpreterIsNot() {
        Diagnostic d = assertCode(Map.of("demo/pack.yaml", PERMS, "demo/executors/render/executor.yaml",
                "schema_version: 1\nid: demo.render\nname: Render\nversion: 1.0.0\nkind: external\n"
                        + "command:\n  argv: [python3, run.py]\nisolation:\n  binaries: [blender]\n"),
                "demo/pack.yaml", SubprocessRule.UNDECLARED, d(4, 0, 4, 11, SubprocessRule.UNDECLARED, WARNING,
                        "executors/render/executor.yaml:9 isolation.binaries: blender")).get(0);
        assertEquals(List.of("demo/executors/render/executor.yaml:9:14 isolation.binaries: blender"), related(d));
    }

    @Test
    void anOrchestratorStepIsAProcessTheHostStartsButTheCodeInItsStringIsNotRead() {
        assertCode(Map.of("demo/pack.yaml", PERMS, "demo/steps.py", """
                from astrid.orchestrate import code
                step = code("copy", argv=["python3", "-c", "import subprocess; subprocess.run(['rm', '-rf', '/'])"])
                """), "demo/pack.yaml", SubprocessRule.UNDECLARED, d(4, 0, 4, 11, SubprocessRule.UNDECLARED, WARNING,
                "Undeclared `subprocess`: steps.py:2 astrid.orchestrate.code(\"python3\", ...)."));
    }

    @Test
    void pythonWorkerProcessesAreInformation() {
        assertCode(Map.of("demo/pack.yaml", PERMS, "demo/pool.py",
                "from concurrent.futures import ProcessPoolExecutor\nwith ProcessPoolExecutor() as pool:\n    pass\n"),
                "demo/pack.yaml", SubprocessRule.UNDECLARED, d(4, 0, 4, 11, SubprocessRule.UNDECLARED, INFORMATION,
                        "(starts Python worker processes, not an outside program)"));
    }
}
