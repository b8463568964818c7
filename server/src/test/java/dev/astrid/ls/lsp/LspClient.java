package dev.astrid.ls.lsp;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.ClientCapabilities;
import org.eclipse.lsp4j.CompletionCapabilities;
import org.eclipse.lsp4j.CompletionItemCapabilities;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InitializeResult;
import org.eclipse.lsp4j.InitializedParams;
import org.eclipse.lsp4j.MessageActionItem;
import org.eclipse.lsp4j.MessageParams;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.ShowMessageRequestParams;
import org.eclipse.lsp4j.TextDocumentClientCapabilities;
import org.eclipse.lsp4j.TextDocumentItem;
import org.eclipse.lsp4j.launch.LSPLauncher;
import org.eclipse.lsp4j.services.LanguageClient;
import org.eclipse.lsp4j.services.LanguageServer;

/** A test client speaking real JSON-RPC to a server over a pair of streams. */
final class LspClient implements LanguageClient, AutoCloseable {
    final BlockingQueue<PublishDiagnosticsParams> diagnostics = new LinkedBlockingQueue<>();
    final LanguageServer server;
    private final OutputStream toServer;

    private LspClient(InputStream fromServer, OutputStream toServer) {
        this.toServer = toServer;
        var launcher = LSPLauncher.createClientLauncher(this, fromServer, toServer);
        launcher.startListening();
        this.server = launcher.getRemoteProxy();
    }

    /** A server in this JVM, connected through pipes. */
    static LspClient inProcess() throws IOException {
        PipedInputStream serverIn = new PipedInputStream(1 << 20);
        PipedOutputStream clientOut = new PipedOutputStream(serverIn);
        PipedInputStream clientIn = new PipedInputStream(1 << 20);
        PipedOutputStream serverOut = new PipedOutputStream(clientIn);
        ServerLauncher.launch(serverIn, serverOut, new AstridLanguageServer(code -> { }));
        return new LspClient(clientIn, clientOut);
    }

    /** A client for a server process's stdio. */
    static LspClient over(InputStream fromServer, OutputStream toServer) {
        return new LspClient(fromServer, toServer);
    }

    InitializeResult initialize(Long processId) throws Exception {
        InitializeParams p = new InitializeParams();
        p.setProcessId(processId == null ? null : processId.intValue());
        TextDocumentClientCapabilities text = new TextDocumentClientCapabilities();
        text.setCompletion(new CompletionCapabilities(new CompletionItemCapabilities(true)));
        ClientCapabilities caps = new ClientCapabilities();
        caps.setTextDocument(text);
        p.setCapabilities(caps);
        InitializeResult r = server.initialize(p).get(30, TimeUnit.SECONDS);
        server.initialized(new InitializedParams());
        return r;
    }

    void open(String uri, int version, String text) {
        server.getTextDocumentService().didOpen(new DidOpenTextDocumentParams(new TextDocumentItem(uri, "yaml", version, text)));
    }

    PublishDiagnosticsParams nextDiagnostics() throws InterruptedException {
        PublishDiagnosticsParams p = diagnostics.poll(20, TimeUnit.SECONDS);
        if (p == null) {
            throw new AssertionError("no diagnostics were published");
        }
        return p;
    }

    /** Waits for diagnostics of a given document version, skipping older ones. */
    PublishDiagnosticsParams diagnosticsFor(String uri, int version) throws InterruptedException {
        while (true) {
            PublishDiagnosticsParams p = nextDiagnostics();
            if (p.getUri().equals(uri) && p.getVersion() != null && p.getVersion() == version) {
                return p;
            }
        }
    }

    @Override
    public void publishDiagnostics(PublishDiagnosticsParams diagnostics) {
        this.diagnostics.add(diagnostics);
    }

    @Override
    public void telemetryEvent(Object object) {}

    @Override
    public void showMessage(MessageParams messageParams) {}

    @Override
    public CompletableFuture<MessageActionItem> showMessageRequest(ShowMessageRequestParams requestParams) {
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public void logMessage(MessageParams message) {}

    List<PublishDiagnosticsParams> drain() {
        List<PublishDiagnosticsParams> out = new java.util.ArrayList<>();
        diagnostics.drainTo(out);
        return out;
    }

    @Override
    public void close() throws IOException {
        toServer.close();
    }
}
