package dev.astrid.ls.rules;

import static dev.astrid.ls.ManifestAssert.PACK_HEAD;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.astrid.ls.Reported;
import dev.astrid.ls.core.CancelChecker;
import dev.astrid.ls.core.Diagnostic;
import dev.astrid.ls.core.Settings;
import dev.astrid.ls.core.Severity;
import dev.astrid.ls.disclosure.DisclosureAnalyzer;
import dev.astrid.ls.model.Manifest;
import dev.astrid.ls.model.ManifestKind;
import dev.astrid.ls.text.TextDocument;
import dev.astrid.ls.workspace.PackFiles;
import dev.astrid.ls.workspace.PackView;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** python-skipped and python-unreadable: what the disclosure checks could not read is said, never hidden. */
class PythonFilesRuleTest {
    @TempDir
    Path tmp;

    static final String PACK = PACK_HEAD + "permissions:\n  - id: project_files\n    reason: Writes renders into the project\n";

    private static List<String> shown(List<Diagnostic> ds) {
        return ds.stream().filter(d -> d.code() == PythonFilesRule.SKIPPED || d.code() == PythonFilesRule.UNREADABLE)
                .map(d -> d.code().id() + " " + d.severity() + " @" + d.range().start().line() + ": " + d.message()).toList();
    }

    @Test
    void deliberateSkipsAreOneInformationListingEachFileWithItsReason() throws IOException {
        TempPack p = new TempPack(tmp).file("demo/pack.yaml", PACK).file("demo/run.py", "x = 1\n")
                .file("demo/vendored.py", "#".repeat((int) PackFiles.MAX_PYTHON_BYTES + 1))
                .file("outside/lib.py", "import socket\n");
        Files.createSymbolicLink(tmp.resolve("demo/lib.py"), tmp.resolve("outside/lib.py"));
        List<Diagnostic> ds = p.diagnose("demo/pack.yaml");
        assertEquals(List.of("python-skipped INFORMATION @4: 2 Python files or folders of the pack were not analysed, so uses "
                + "there are not known: lib.py (a symbolic link to outside the pack, not followed), vendored.py (larger than "
                + "2 MiB)."), shown(ds));
        assertEquals(List.of(p.uri("demo/lib.py"), p.uri("demo/vendored.py")), ds.stream()
                .filter(d -> d.code() == PythonFilesRule.SKIPPED).flatMap(d -> d.related().stream())
                .map(Diagnostic.Related::uri).toList());
    }

    @Test
    void everythingReadSaysNothing() {
        assertEquals(List.of(), shown(new TempPack(tmp).file("demo/pack.yaml", PACK).file("demo/run.py", "x = 1\n")
                .diagnose("demo/pack.yaml")));
    }

    /**
     * A file that could not be read, as the workspace reports one (running as root, a test cannot
     * make a file unreadable; UnreadableCodeIT does, for {@code check}, under another user).
     */
    @Test
    void aFileThatCouldNotBeReadIsInformationInTheEditor() {
        Manifest pack = Manifest.parse(new TextDocument("file:///demo/pack.yaml", 1, PACK), ManifestKind.PACK);
        PackView view = new PackView(Path.of("/demo"), pack, List.of());
        PackFiles.Code code = new PackFiles.Code(List.of(), List.of(new PackFiles.Skipped("file:///demo/run.py",
                "could not be read (permission denied)", true)), List.of(), true);
        RuleContext ctx = new RuleContext(pack, view, Settings.DEFAULTS, CancelChecker.NEVER, null, d -> true,
                () -> new DisclosureAnalyzer().analyse(view, code, CancelChecker.NEVER));
        new PythonFilesRule().check(ctx);
        assertEquals(List.of("python-unreadable INFORMATION @4: 1 Python file or folder of the pack could not be read, so "
                + "what it does is not verified: run.py (could not be read (permission denied))."),
                shown(Reported.record(ctx.diagnostics())));
        assertEquals(Severity.INFORMATION, PythonFilesRule.UNREADABLE.defaultSeverity());
    }
}
