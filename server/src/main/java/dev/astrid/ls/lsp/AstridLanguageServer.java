package dev.astrid.ls.lsp;

import dev.astrid.ls.service.LanguageService;
import dev.astrid.ls.service.Settings;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.eclipse.lsp4j.CompletionOptions;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InitializeResult;
import org.eclipse.lsp4j.ServerCapabilities;
import org.eclipse.lsp4j.ServerInfo;
import org.eclipse.lsp4j.TextDocumentSyncKind;
import org.eclipse.lsp4j.TextDocumentSyncOptions;
import org.eclipse.lsp4j.services.LanguageClient;
import org.eclipse.lsp4j.services.LanguageClientAware;
import org.eclipse.lsp4j.services.LanguageServer;
import org.eclipse.lsp4j.services.TextDocumentService;
import org.eclipse.lsp4j.services.WorkspaceService;

/** The LSP4J adapter: lifecycle and capabilities; the work is in the language service. */
public final class AstridLanguageServer implements LanguageServer, LanguageClientAware {
    private final LanguageService service = new LanguageService();
    private final ExecutorService requests = Executors.newFixedThreadPool(2, daemon("astrid-request"));
    private final ScheduledExecutorService validation = Executors.newSingleThreadScheduledExecutor(daemon("astrid-validate"));
    private final AstridTextDocumentService documents;
    private final AstridWorkspaceService workspace = new AstridWorkspaceService();
    private volatile boolean shutdownRequested;
    private final java.util.function.IntConsumer exit;

    public AstridLanguageServer() {
        this(code -> System.exit(code));
    }

    /**
     * {@code exit} runs with the process exit code on the {@code exit} notification (0 after a
     * shutdown request, 1 without, as LSP asks) and with 1 when the client process dies.
     */
    public AstridLanguageServer(java.util.function.IntConsumer exit) {
        this.exit = exit;
        this.documents = new AstridTextDocumentService(service, requests, validation, () -> Settings.DEFAULTS);
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    @Override
    public void connect(LanguageClient client) {
        documents.connect(client);
    }

    @Override
    public CompletableFuture<InitializeResult> initialize(InitializeParams params) {
        if (params.getProcessId() != null) {
            // Exit with the editor even if it never sends exit (crash, kill -9).
            ProcessHandle.of(params.getProcessId().longValue()).ifPresent(p -> p.onExit().thenRun(() -> exit.accept(1)));
        }
        documents.setSnippetSupport(snippetSupport(params));
        ServerCapabilities caps = new ServerCapabilities();
        TextDocumentSyncOptions sync = new TextDocumentSyncOptions();
        sync.setOpenClose(true);
        sync.setChange(TextDocumentSyncKind.Incremental);
        caps.setTextDocumentSync(sync);
        caps.setHoverProvider(true);
        caps.setCompletionProvider(new CompletionOptions(false, List.of(":", "-")));
        String version = AstridLanguageServer.class.getPackage().getImplementationVersion();
        return CompletableFuture.completedFuture(
                new InitializeResult(caps, new ServerInfo("astrid-pack-ls", version == null ? "dev" : version)));
    }

    private static boolean snippetSupport(InitializeParams params) {
        try {
            Boolean s = params.getCapabilities().getTextDocument().getCompletion().getCompletionItem().getSnippetSupport();
            return Boolean.TRUE.equals(s);
        } catch (NullPointerException e) {
            return false;
        }
    }

    @Override
    public CompletableFuture<Object> shutdown() {
        shutdownRequested = true;
        documents.shutdown();
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public void exit() {
        requests.shutdownNow();
        validation.shutdownNow();
        exit.accept(shutdownRequested ? 0 : 1);
    }

    @Override
    public TextDocumentService getTextDocumentService() {
        return documents;
    }

    @Override
    public WorkspaceService getWorkspaceService() {
        return workspace;
    }
}
