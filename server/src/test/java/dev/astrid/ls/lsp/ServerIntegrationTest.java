package dev.astrid.ls.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.astrid.ls.rules.PermissionShapeRule;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.CompletionItem;
import org.eclipse.lsp4j.CompletionParams;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DiagnosticSeverity;
import org.eclipse.lsp4j.DidChangeTextDocumentParams;
import org.eclipse.lsp4j.DidCloseTextDocumentParams;
import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.InitializeResult;
import org.eclipse.lsp4j.InsertTextFormat;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.TextDocumentSyncKind;
import org.eclipse.lsp4j.VersionedTextDocumentIdentifier;
import org.junit.jupiter.api.Test;

/** Drives the real server over JSON-RPC streams: open, edit, wait for diagnostics, hover, complete. */
class ServerIntegrationTest {
    private static final String PACK = "file:///work/demo/pack.yaml";
    private static final String TEXT = """
            schema_version: 1
            id: demo
            name: Demo
            version: 1.0.0
            permissions:
              - id: Network
                reason: Calls api.openai.com to caption images
            """;

    @Test
    void openEditHoverCompleteClose() throws Exception {
        try (LspClient client = LspClient.inProcess()) {
            InitializeResult init = client.initialize(null);
            assertEquals(TextDocumentSyncKind.Incremental,
                    init.getCapabilities().getTextDocumentSync().getRight().getChange());
            assertTrue(init.getCapabilities().getHoverProvider().getLeft());
            assertNotNull(init.getCapabilities().getCompletionProvider());

            client.open(PACK, 1, TEXT);
            PublishDiagnosticsParams first = client.diagnosticsFor(PACK, 1);
            assertEquals(1, first.getDiagnostics().size());
            Diagnostic d = first.getDiagnostics().get(0);
            assertEquals(PermissionShapeRule.UNKNOWN_ID.id(), d.getCode().getLeft());
            assertEquals("astrid", d.getSource());
            assertEquals(DiagnosticSeverity.Error, d.getSeverity());
            assertEquals(new Range(new Position(5, 8), new Position(5, 15)), d.getRange());
            assertTrue(d.getCodeDescription().getHref().endsWith("docs/rules/permission-unknown-id.md"));
            assertEquals("network", ((JsonObject) d.getData()).getAsJsonArray("suggestions").get(0).getAsString());

            // Incremental edit: Network -> network, as an editor sends it.
            var change = new TextDocumentContentChangeEvent(new Range(new Position(5, 8), new Position(5, 9)), "n");
            client.server.getTextDocumentService().didChange(new DidChangeTextDocumentParams(
                    new VersionedTextDocumentIdentifier(PACK, 2), List.of(change)));
            assertEquals(List.of(), client.diagnosticsFor(PACK, 2).getDiagnostics());

            Hover hover = client.server.getTextDocumentService().hover(new HoverParams(
                    new TextDocumentIdentifier(PACK), new Position(5, 10))).get(10, TimeUnit.SECONDS);
            assertTrue(hover.getContents().getRight().getValue().contains("disclosure only"));
            assertEquals(new Range(new Position(5, 8), new Position(5, 15)), hover.getRange());

            // Type a new half line and complete the id.
            var typing = new TextDocumentContentChangeEvent(new Range(new Position(7, 0), new Position(7, 0)),
                    "  - id: su");
            client.server.getTextDocumentService().didChange(new DidChangeTextDocumentParams(
                    new VersionedTextDocumentIdentifier(PACK, 3), List.of(typing)));
            var completion = client.server.getTextDocumentService().completion(new CompletionParams(
                    new TextDocumentIdentifier(PACK), new Position(7, 10))).get(10, TimeUnit.SECONDS);
            List<CompletionItem> items = completion.getRight().getItems();
            assertEquals(6, items.size());
            CompletionItem sub = items.stream().filter(i -> i.getLabel().equals("subprocess")).findFirst().orElseThrow();
            assertEquals(new Range(new Position(7, 8), new Position(7, 10)), sub.getTextEdit().getLeft().getRange());
            assertEquals(InsertTextFormat.PlainText, sub.getInsertTextFormat());
            assertEquals("1", items.stream().filter(i -> i.getLabel().equals("network")).findFirst().orElseThrow()
                    .getSortText().substring(0, 1), "network is declared already: sorted last");

            PublishDiagnosticsParams third = client.diagnosticsFor(PACK, 3);
            assertEquals(PermissionShapeRule.MISSING_REASON.id(), third.getDiagnostics().get(0).getCode().getLeft());

            client.server.getTextDocumentService().didClose(new DidCloseTextDocumentParams(new TextDocumentIdentifier(PACK)));
            PublishDiagnosticsParams closed = client.nextDiagnostics();
            assertEquals(PACK, closed.getUri());
            assertEquals(List.of(), closed.getDiagnostics());

            assertNull(client.server.shutdown().get(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void otherYamlFilesGetNoDiagnosticsAtAll() throws Exception {
        try (LspClient client = LspClient.inProcess()) {
            client.initialize(null);
            client.open("file:///work/.github/workflows/ci.yaml", 1, "on: [push\n");
            client.open(PACK, 1, TEXT);
            PublishDiagnosticsParams p = client.nextDiagnostics();
            assertEquals(PACK, p.getUri(), "validation runs in order on one thread; ci.yaml published nothing");
        }
    }

    @Test
    void rapidEditsEndOnTheLatestVersion() throws Exception {
        try (LspClient client = LspClient.inProcess()) {
            client.initialize(null);
            client.open(PACK, 1, TEXT);
            client.diagnosticsFor(PACK, 1);
            for (int v = 2; v <= 40; v++) {
                String id = v % 2 == 0 ? "network" : "Network";
                client.server.getTextDocumentService().didChange(new DidChangeTextDocumentParams(
                        new VersionedTextDocumentIdentifier(PACK, v), List.of(new TextDocumentContentChangeEvent(
                        TEXT.replace("Network", id)))));
            }
            PublishDiagnosticsParams last = client.diagnosticsFor(PACK, 40);
            assertEquals(List.of(), last.getDiagnostics());
            Thread.sleep(200);
            for (PublishDiagnosticsParams later : client.drain()) {
                assertEquals(40, later.getVersion(), "nothing stale is published after the latest version");
            }
        }
    }

    @Test
    void snippetsBecomePlainTextForClientsWithoutSnippetSupport() throws Exception {
        try (LspClient client = LspClient.inProcess()) {
            client.server.initialize(new org.eclipse.lsp4j.InitializeParams()).get(10, TimeUnit.SECONDS);
            client.open(PACK, 1, TEXT + "  - \n");
            var items = client.server.getTextDocumentService().completion(new CompletionParams(
                    new TextDocumentIdentifier(PACK), new Position(7, 4))).get(10, TimeUnit.SECONDS).getRight().getItems();
            CompletionItem reason = items.stream().filter(i -> i.getLabel().equals("reason")).findFirst().orElseThrow();
            assertEquals("reason: What the pack does with it, and why", reason.getTextEdit().getLeft().getNewText());
            assertEquals(InsertTextFormat.PlainText, reason.getInsertTextFormat());
        }
    }
}
