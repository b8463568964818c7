package dev.astrid.ls.lsp;

import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.ClientCapabilities;
import org.eclipse.lsp4j.CodeActionContext;
import org.eclipse.lsp4j.CodeActionParams;
import org.eclipse.lsp4j.CodeLensParams;
import org.eclipse.lsp4j.CompletionParams;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.DocumentSymbolParams;
import org.eclipse.lsp4j.ExecuteCommandParams;
import org.eclipse.lsp4j.FoldingRangeRequestParams;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InitializedParams;
import org.eclipse.lsp4j.MessageActionItem;
import org.eclipse.lsp4j.MessageParams;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.ShowMessageRequestParams;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.TextDocumentItem;
import org.eclipse.lsp4j.launch.LSPLauncher;
import org.eclipse.lsp4j.services.LanguageClient;
import org.eclipse.lsp4j.services.LanguageServer;

/**
 * The workload recorded into the class-data-sharing archive at package time: one editor session
 * in-process (open, diagnostics, hover, completion, actions, outline, trust summary), so that the
 * classes an editor start needs are loaded from the archive instead of the jar.
 */
public final class CdsTraining {
    private CdsTraining() {}

    public static void main(String[] args) {
        try {
            session();
        } catch (Exception | Error e) {
            // A failed session must fail the build, not leave it waiting on the session's threads.
            e.printStackTrace();
            System.exit(1);
        }
        System.exit(0);
    }

    private static void session() throws Exception {
        PipedInputStream serverIn = new PipedInputStream(1 << 20);
        PipedOutputStream clientOut = new PipedOutputStream(serverIn);
        PipedInputStream clientIn = new PipedInputStream(1 << 20);
        PipedOutputStream serverOut = new PipedOutputStream(clientIn);
        ServerLauncher.launch(serverIn, serverOut, new AstridLanguageServer(code -> { }));
        CountDownLatch diagnostics = new CountDownLatch(2);
        LanguageClient client = new LanguageClient() {
            @Override
            public void telemetryEvent(Object object) {}

            @Override
            public void publishDiagnostics(PublishDiagnosticsParams p) {
                diagnostics.countDown();
            }

            @Override
            public void showMessage(MessageParams p) {}

            @Override
            public CompletableFuture<MessageActionItem> showMessageRequest(ShowMessageRequestParams p) {
                return CompletableFuture.completedFuture(null);
            }

            @Override
            public void logMessage(MessageParams p) {}
        };
        var launcher = LSPLauncher.createClientLauncher(client, clientIn, clientOut);
        launcher.startListening();
        LanguageServer server = launcher.getRemoteProxy();
        InitializeParams init = new InitializeParams();
        init.setCapabilities(new ClientCapabilities());
        server.initialize(init).get(30, TimeUnit.SECONDS);
        server.initialized(new InitializedParams());
        String pack = "file:///training/demo/pack.yaml";
        server.getTextDocumentService().didOpen(new DidOpenTextDocumentParams(new TextDocumentItem(pack, "yaml", 1,
                "schema_version: 1\nid: demo\nname: Demo\nversion: 1.0\npermissions:\n  - id: Network\n"
                        + "    reason: network access\nsecrets:\n  - name: OPENAI_API_KEY\n")));
        server.getTextDocumentService().didOpen(new DidOpenTextDocumentParams(new TextDocumentItem(
                "file:///training/demo/executors/x/executor.json", "json", 1,
                "{\"schema_version\": 1, \"id\": \"demo.x\", \"name\": \"X\", \"version\": \"1.0.0\", \"kind\": \"external\","
                        + " \"isolation\": {\"network\": true, \"secrets_required\": [\"OPENAI_API_KEY\"]}}")));
        diagnostics.await(30, TimeUnit.SECONDS);
        TextDocumentIdentifier id = new TextDocumentIdentifier(pack);
        Position at = new Position(5, 9);
        var text = server.getTextDocumentService();
        CompletableFuture.allOf(text.hover(new HoverParams(id, at)), text.completion(new CompletionParams(id, at)),
                text.codeAction(new CodeActionParams(id, new Range(at, at), new CodeActionContext(List.of()))),
                text.documentSymbol(new DocumentSymbolParams(id)), text.foldingRange(new FoldingRangeRequestParams(id)),
                text.codeLens(new CodeLensParams(id)), server.getWorkspaceService().executeCommand(
                        new ExecuteCommandParams(AstridTextDocumentService.TRUST_SUMMARY_COMMAND, List.of(pack))))
                .get(30, TimeUnit.SECONDS);
        server.shutdown().get(30, TimeUnit.SECONDS);
    }
}
