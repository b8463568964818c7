package dev.astrid.ls.rules;

import static dev.astrid.ls.ManifestAssert.PACK_HEAD;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.astrid.ls.ManifestAssert;
import dev.astrid.ls.core.CancelChecker;
import dev.astrid.ls.core.Diagnostic;
import dev.astrid.ls.core.Settings;
import dev.astrid.ls.core.Severity;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** permission-without-evidence: a hint, and only when the absence of a use means something. */
class PermissionEvidenceRuleTest {
    @TempDir
    Path tmp;

    static final String PACK = PACK_HEAD + "permissions:\n  - id: network\n    reason: Calls api.example.com to enrich rows\n"
            + "  - id: project_files\n    reason: Writes the CSV summary next to the input\n";
    static final String FILES_ONLY = "from pathlib import Path\n\ndef summarise(p):\n    Path(p).write_text('done')\n";

    private List<String> hints(TempPack p) {
        return p.diagnose("demo/pack.yaml").stream().filter(d -> d.code() == PermissionEvidenceRule.WITHOUT_EVIDENCE)
                .map(d -> d.range().start().line() + ": " + d.message()).toList();
    }

    @Test
    void aDeclaredPermissionNothingUsesIsAHintOnItsId() {
        TempPack p = new TempPack(tmp).file("demo/pack.yaml", PACK).file("demo/summarise.py", FILES_ONLY);
        assertEquals(List.of("5: No use of `network` found: not in the pack's 1 Python file nor in its 1 manifest. If the "
                + "pack no longer needs it, remove it; a static check cannot prove it unused (a library or a child process "
                + "may still use it)."), hints(p));
        Diagnostic d = p.diagnose("demo/pack.yaml").stream().filter(x -> x.code() == PermissionEvidenceRule.WITHOUT_EVIDENCE)
                .findFirst().orElseThrow();
        assertEquals(Severity.HINT, d.severity());
        List<String> fixes = p.service.codeActions(p.service.snapshot(p.uri("demo/pack.yaml")).orElseThrow(), d.range(),
                Set.of(d.code()), Settings.DEFAULTS, false, CancelChecker.NEVER).stream().map(a -> a.fix().title()).toList();
        assertEquals(List.of("Suppress permission-without-evidence on this line",
                "Suppress permission-without-evidence in this file"), fixes, "no fix: removing it would drop its reason");
    }

    @Test
    void anyUseEvenAnUncertainOneIsEvidence() {
        TempPack p = new TempPack(tmp).file("demo/pack.yaml", PACK).file("demo/summarise.py", FILES_ONLY
                + "import subprocess\nsubprocess.run([chrome, '--headless', url])\n");
        assertEquals(List.of(), hints(p), "network only inside Chromium still counts as a use");
    }

    @Test
    void silentWhenAbsenceProvesNothing() {
        assertEquals(List.of(), hints(new TempPack(tmp.resolve("a")).file("demo/pack.yaml", PACK)),
                "no Python at all: the code is elsewhere");
        assertEquals(List.of(), hints(new TempPack(tmp.resolve("b")).file("demo/pack.yaml", PACK)
                .file("demo/summarise.py", FILES_ONLY).file("demo/ui/app.js", "fetch('https://api.example.com')\n")),
                "code in another language");
        assertEquals(List.of(), hints(new TempPack(tmp.resolve("c")).file("demo/pack.yaml", PACK)
                .file("demo/summarise.py", FILES_ONLY + "import importlib\nplugin = importlib.import_module(name)\n")),
                "code loaded by a name known at run time");
        assertEquals(List.of(), hints(new TempPack(tmp.resolve("d")).file("demo/pack.yaml", PACK)
                .file("demo/summarise.py", FILES_ONLY + "def broken(:\n")), "a file that is not valid Python");
        assertEquals(List.of(), hints(new TempPack(tmp.resolve("e")).file("demo/pack.yaml", PACK)
                .file("demo/summarise.py", FILES_ONLY + "import subprocess\nsubprocess.run(['ffmpeg', '-i', a, b])\n")),
                "a child process may use the network");
        assertEquals(List.of(), hints(new TempPack(tmp.resolve("f")).file("demo/pack.yaml", PACK)
                .file("demo/summarise.py", FILES_ONLY).file("demo/executors/x/executor.yaml", "id: [\n")),
                "a manifest that does not parse may state a use");
        assertEquals(List.of(), hints(new TempPack(tmp.resolve("g")).file("demo/pack.yaml", PACK)
                .file("demo/summarise.py", FILES_ONLY).file("demo/big.py", "#".repeat(3 * 1024 * 1024))),
                "a file that was not read");
    }

    @Test
    void aPackOutsideTheWorkspaceOnlyHasItsOpenBuffersSoNothingIsClaimed() {
        assertEquals(List.of(), ManifestAssert.diagnose(Map.of("demo/pack.yaml", PACK,
                "demo/summarise.py", FILES_ONLY), "demo/pack.yaml", Settings.DEFAULTS).stream()
                .filter(d -> d.code() == PermissionEvidenceRule.WITHOUT_EVIDENCE).toList());
    }
}
