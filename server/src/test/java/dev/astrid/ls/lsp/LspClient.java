package dev.astrid.ls.lsp;

import dev.astrid.ls.Reported;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
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
    final BlockingQueue<org.eclipse.lsp4j.ProgressParams> progress = new LinkedBlockingQueue<>();
    final java.util.concurrent.atomic.AtomicInteger refreshes = new java.util.concurrent.atomic.AtomicInteger();
    final List<org.eclipse.lsp4j.Registration> registrations = new java.util.concurrent.CopyOnWriteArrayList<>();
    final LanguageServer server;
    private final OutputStream toServer;

    private LspClient(InputStream fromServer, OutputStream toServer) {
        this.toServer = toServer;
        var launcher = LSPLauncher.createClientLauncher(this, fromServer, toServer);
        launcher.startListening();
        this.server = launcher.getRemoteProxy();
    }

    /** A server in this JVM, connected through pipes. */
    static LspClient inProcess() {
        Pipe toServer = new Pipe();
        Pipe toClient = new Pipe();
        ServerLauncher.launch(toServer.in, toClient.out, new AstridLanguageServer(code -> { }));
        return new LspClient(toClient.in, toServer.out);
    }

    /** A client for a server process's stdio. */
    static LspClient over(InputStream fromServer, OutputStream toServer) {
        return new LspClient(fromServer, toServer);
    }

    InitializeResult initialize(Long processId) throws Exception {
        return initialize(processId, null, false);
    }

    /** Initializes with a workspace folder (may be null) and, when asked, pull-diagnostics support. */
    InitializeResult initialize(Long processId, java.nio.file.Path folder, boolean pull) throws Exception {
        return initialize(processId, folder, pull, c -> { });
    }

    InitializeResult initialize(Long processId, java.nio.file.Path folder, boolean pull,
                                java.util.function.Consumer<ClientCapabilities> more) throws Exception {
        InitializeParams p = new InitializeParams();
        p.setProcessId(processId == null ? null : processId.intValue());
        TextDocumentClientCapabilities text = new TextDocumentClientCapabilities();
        text.setCompletion(new CompletionCapabilities(new CompletionItemCapabilities(true)));
        if (pull) {
            text.setDiagnostic(new org.eclipse.lsp4j.DiagnosticCapabilities());
        }
        ClientCapabilities caps = new ClientCapabilities();
        caps.setTextDocument(text);
        org.eclipse.lsp4j.WindowClientCapabilities window = new org.eclipse.lsp4j.WindowClientCapabilities();
        window.setWorkDoneProgress(true);
        caps.setWindow(window);
        org.eclipse.lsp4j.WorkspaceClientCapabilities ws = new org.eclipse.lsp4j.WorkspaceClientCapabilities();
        ws.setDidChangeWatchedFiles(new org.eclipse.lsp4j.DidChangeWatchedFilesCapabilities(true));
        ws.setDiagnostics(new org.eclipse.lsp4j.DiagnosticWorkspaceCapabilities(true));
        caps.setWorkspace(ws);
        more.accept(caps);
        p.setCapabilities(caps);
        p.setInitializationOptions(initializationOptions);
        if (folder != null) {
            p.setWorkspaceFolders(List.of(new org.eclipse.lsp4j.WorkspaceFolder(folder.toUri().toString(), "ws")));
        }
        InitializeResult r = server.initialize(p).get(30, TimeUnit.SECONDS);
        server.initialized(new InitializedParams());
        return r;
    }

    /** Sent as initializationOptions, when set before initialize. */
    volatile Object initializationOptions;

    /** What this client answers to workspace/configuration for the "astrid" section. */
    volatile Object astridSettings;
    final java.util.concurrent.atomic.AtomicInteger configurationRequests = new java.util.concurrent.atomic.AtomicInteger();

    @Override
    public CompletableFuture<List<Object>> configuration(org.eclipse.lsp4j.ConfigurationParams params) {
        configurationRequests.incrementAndGet();
        List<Object> values = new java.util.ArrayList<>();
        params.getItems().forEach(i -> values.add("astrid".equals(i.getSection()) ? astridSettings : null));
        return CompletableFuture.completedFuture(values);
    }

    @Override
    public CompletableFuture<Void> createProgress(org.eclipse.lsp4j.WorkDoneProgressCreateParams params) {
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public void notifyProgress(org.eclipse.lsp4j.ProgressParams params) {
        progress.add(params);
    }

    @Override
    public CompletableFuture<Void> registerCapability(org.eclipse.lsp4j.RegistrationParams params) {
        registrations.addAll(params.getRegistrations());
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<Void> refreshDiagnostics() {
        refreshes.incrementAndGet();
        return CompletableFuture.completedFuture(null);
    }

    /** Waits for the end of the workspace scan's progress, and forgets what it published. */
    void awaitScan() throws InterruptedException {
        while (true) {
            org.eclipse.lsp4j.ProgressParams p = progress.poll(60, TimeUnit.SECONDS);
            if (p == null) {
                throw new AssertionError("the scan did not end");
            }
            if (p.getValue().getLeft() instanceof org.eclipse.lsp4j.WorkDoneProgressEnd) {
                drain();
                return;
            }
        }
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
        diagnostics.getDiagnostics().forEach(d -> Reported.record(d.getCode().getLeft()));
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
