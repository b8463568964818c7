package dev.astrid.ls.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.astrid.ls.rules.UpdateTrustRule;
import dev.astrid.ls.security.ReadOnlyServerIT;
import dev.astrid.ls.update.TestRepo;
import dev.astrid.ls.workspace.Workspace;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.CodeLensParams;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DiagnosticSeverity;
import org.eclipse.lsp4j.DidChangeTextDocumentParams;
import org.eclipse.lsp4j.ExecuteCommandParams;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.VersionedTextDocumentIdentifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The update preview over JSON-RPC, against a git repository made in the test: the unsaved
 * buffer is compared with HEAD, in the diagnostics, the code lens, the hover and the trust
 * summary; the repository is left exactly as it was.
 */
class UpdatePreviewServerTest {
    static final String HEAD = "schema_version: 1\nid: weather\nname: Weather\nversion: 1.0.0\npermissions:\n"
            + "  - id: subprocess\n    reason: Runs ffmpeg\n";
    static final String NETWORK = "  - id: network\n    reason: Calls api.open-meteo.com\n";

    @TempDir
    Path tmp;

    /** The first diagnostics of this version that hold (or, with {@code want} false, lack) an update note. */
    static PublishDiagnosticsParams untilNote(LspClient client, String uri, int version, boolean want)
            throws InterruptedException {
        while (true) {
            PublishDiagnosticsParams p = client.diagnosticsFor(uri, version);
            if (p.getDiagnostics().stream().anyMatch(UpdatePreviewServerTest::isNote) == want) {
                return p;
            }
        }
    }

    static boolean isNote(Diagnostic d) {
        return UpdateTrustRule.ADDS_TRUST.id().equals(d.getCode().getLeft());
    }

    @Test
    void anUnsavedEditIsComparedWithHead() throws Exception {
        try (TestRepo repo = new TestRepo(tmp)) {
            String commit = repo.write("weather/pack.yaml", HEAD).commit().substring(0, 8);
            String uri = Workspace.uri(repo.dir.resolve("weather/pack.yaml"));
            Map<String, String> before = ReadOnlyServerIT.snapshot(repo.dir);
            try (LspClient client = LspClient.inProcess()) {
                client.initialize(null, repo.dir, false);
                String edited = HEAD.replace("Runs ffmpeg", "Runs ffmpeg and sox") + NETWORK;
                client.open(uri, 1, edited);

                Diagnostic note = untilNote(client, uri, 1, true).getDiagnostics().stream()
                        .filter(UpdatePreviewServerTest::isNote).findFirst().orElseThrow();
                assertEquals(DiagnosticSeverity.Information, note.getSeverity());
                assertEquals(new org.eclipse.lsp4j.Range(new Position(7, 8), new Position(7, 15)), note.getRange());
                assertTrue(note.getMessage().getLeft().startsWith("New on update: users will be asked to trust this permission, "
                        + "which HEAD (" + commit + ") does not declare."), note.getMessage().getLeft());

                var lenses = client.server.getTextDocumentService().codeLens(new CodeLensParams(
                        new TextDocumentIdentifier(uri))).get(10, TimeUnit.SECONDS);
                assertEquals("Update diff vs HEAD: +network, reason changed: subprocess",
                        lenses.get(1).getCommand().getTitle());

                var hover = client.server.getTextDocumentService().hover(new HoverParams(
                        new TextDocumentIdentifier(uri), new Position(5, 10))).get(10, TimeUnit.SECONDS);
                String md = hover.getContents().getRight().getValue();
                assertTrue(md.contains("- before: `subprocess: Runs ffmpeg`\n- after: `subprocess: Runs ffmpeg and sox`"), md);

                var command = lenses.get(1).getCommand();
                String summary = client.server.getWorkspaceService().executeCommand(new ExecuteCommandParams(
                        command.getCommand(), command.getArguments())).get(10, TimeUnit.SECONDS).toString();
                assertTrue(summary.contains("\n  On update:\n    Update from HEAD (" + commit + ")"), summary);

                // typing takes the network permission out again: no note, and the lens follows
                client.server.getTextDocumentService().didChange(new DidChangeTextDocumentParams(
                        new VersionedTextDocumentIdentifier(uri, 2),
                        List.of(new TextDocumentContentChangeEvent(edited.replace(NETWORK, "")))));
                untilNote(client, uri, 2, false);
                assertEquals("Update diff vs HEAD: reason changed: subprocess", client.server.getTextDocumentService()
                        .codeLens(new CodeLensParams(new TextDocumentIdentifier(uri))).get(10, TimeUnit.SECONDS).get(1)
                        .getCommand().getTitle());
            }
            assertEquals(before, ReadOnlyServerIT.snapshot(repo.dir), "the repository changed");
        }
    }
}
