package dev.astrid.ls.lsp;

import dev.astrid.ls.core.Settings;
import dev.astrid.ls.service.LanguageService;
import dev.astrid.ls.workspace.Workspace;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;
import org.eclipse.lsp4j.ClientCapabilities;
import org.eclipse.lsp4j.CodeActionKind;
import org.eclipse.lsp4j.CodeActionOptions;
import org.eclipse.lsp4j.CodeLensOptions;
import org.eclipse.lsp4j.CompletionOptions;
import org.eclipse.lsp4j.ConfigurationItem;
import org.eclipse.lsp4j.ConfigurationParams;
import org.eclipse.lsp4j.DiagnosticRegistrationOptions;
import org.eclipse.lsp4j.DidChangeWatchedFilesRegistrationOptions;
import org.eclipse.lsp4j.DocumentLinkOptions;
import org.eclipse.lsp4j.ExecuteCommandOptions;
import org.eclipse.lsp4j.FileSystemWatcher;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InitializeResult;
import org.eclipse.lsp4j.InitializedParams;
import org.eclipse.lsp4j.Registration;
import org.eclipse.lsp4j.RenameOptions;
import org.eclipse.lsp4j.RegistrationParams;
import org.eclipse.lsp4j.ServerCapabilities;
import org.eclipse.lsp4j.ServerInfo;
import org.eclipse.lsp4j.TextDocumentSyncKind;
import org.eclipse.lsp4j.TextDocumentSyncOptions;
import org.eclipse.lsp4j.WorkspaceFolder;
import org.eclipse.lsp4j.WorkspaceFoldersOptions;
import org.eclipse.lsp4j.WatchKind;
import org.eclipse.lsp4j.WorkspaceServerCapabilities;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.eclipse.lsp4j.jsonrpc.services.JsonNotification;
import org.eclipse.lsp4j.jsonrpc.services.JsonRequest;
import org.eclipse.lsp4j.jsonrpc.services.JsonSegment;
import org.eclipse.lsp4j.services.LanguageClient;
import org.eclipse.lsp4j.services.LanguageClientAware;
import org.eclipse.lsp4j.services.LanguageServer;
import org.eclipse.lsp4j.services.TextDocumentService;
import org.eclipse.lsp4j.services.WorkspaceService;

/** The LSP4J adapter: lifecycle and capabilities; the work is in the language service. */
public final class AstridLanguageServer implements LanguageServer, LanguageClientAware {
    /** The JSON-RPC methods these services implement (LSP4J's interfaces throw for the rest). */
    private static final Set<String> IMPLEMENTED = implemented(Map.of(LanguageServer.class, AstridLanguageServer.class,
            TextDocumentService.class, AstridTextDocumentService.class,
            WorkspaceService.class, AstridWorkspaceService.class));

    private final Workspace workspace = new Workspace();
    private final LanguageService service = new LanguageService(workspace);
    private final ExecutorService requestThreads = Executors.newFixedThreadPool(2, daemon("astrid-request"));
    private final PerDocument requests = new PerDocument(requestThreads);
    private final ScheduledExecutorService validation = Executors.newScheduledThreadPool(2, daemon("astrid-validate"));
    /** The only thread that reads git (besides a code lens on a pack never read). */
    private final ScheduledExecutorService git = Executors.newSingleThreadScheduledExecutor(daemon("astrid-git"));
    private volatile Settings settings = Settings.DEFAULTS;
    /** Settings sent at initialize; what {@code workspace/configuration} answers goes over them. */
    private volatile Object initializationOptions;
    private final Diagnostics diagnostics = new Diagnostics(service, validation, () -> settings);
    private final WorkspaceScan scan = new WorkspaceScan(service, diagnostics, () -> settings);
    private final UpdateBases updateBases = new UpdateBases(service, git, diagnostics, () -> this.client);
    private final AstridTextDocumentService documents =
            new AstridTextDocumentService(service, requests, diagnostics, () -> settings, updateBases);
    private final AstridWorkspaceService workspaceService = new AstridWorkspaceService(service, requests, diagnostics,
            scan, () -> settings, this::reloadSettings, this::foldersChanged);
    private final IntConsumer exit;
    private volatile boolean shutdownRequested;
    private volatile LanguageClient client;
    private volatile ClientCapabilities clientCapabilities = new ClientCapabilities();

    public AstridLanguageServer() {
        this(code -> System.exit(code));
    }

    /**
     * {@code exit} runs with the process exit code on the {@code exit} notification (0 after a
     * shutdown request, 1 without, as LSP asks) and with 1 when the client process dies.
     */
    public AstridLanguageServer(IntConsumer exit) {
        this.exit = exit;
        diagnostics.reportClosedWhen(uri -> {
            Path p = Workspace.path(uri);
            return scan.isDone() && p != null && workspace.walked(p);
        });
    }

    /**
     * Whether a JSON-RPC method gets an answer: it is implemented, and a request that only some
     * clients were offered (pull diagnostics, code action resolve) was offered to this one.
     */
    boolean answers(String method) {
        return IMPLEMENTED.contains(method) && switch (method) {
            case "textDocument/diagnostic", "workspace/diagnostic" -> diagnostics.isPull();
            case "codeAction/resolve" -> Capabilities.codeActionResolve(clientCapabilities);
            default -> true;
        };
    }

    /** The methods, by JSON-RPC name, that a service class declares itself rather than inherits. */
    static Set<String> implemented(Map<Class<?>, Class<?>> services) {
        Set<String> out = new HashSet<>();
        services.forEach((api, implementation) -> {
            JsonSegment segment = api.getAnnotation(JsonSegment.class);
            for (Method m : api.getMethods()) {
                JsonRequest request = m.getAnnotation(JsonRequest.class);
                JsonNotification notification = m.getAnnotation(JsonNotification.class);
                if (request == null && notification == null) {
                    continue;
                }
                String name = request != null ? request.value() : notification.value();
                boolean useSegment = request != null ? request.useSegment() : notification.useSegment();
                String full = (useSegment && segment != null ? segment.value() + "/" : "") + (name.isEmpty() ? m.getName() : name);
                try {
                    if (implementation.getMethod(m.getName(), m.getParameterTypes()).getDeclaringClass() != api) {
                        out.add(full);
                    }
                } catch (NoSuchMethodException e) {
                    // not there at all: not implemented
                }
            }
        });
        return Set.copyOf(out);
    }

    private static ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    @Override
    public void connect(LanguageClient client) {
        this.client = client;
        diagnostics.connect(client);
    }

    @Override
    public CompletableFuture<InitializeResult> initialize(InitializeParams params) {
        if (params.getProcessId() != null) {
            // Exit with the editor even if it never sends exit (crash, kill -9).
            ProcessHandle.of(params.getProcessId().longValue()).ifPresent(p -> p.onExit().thenRun(() -> exit.accept(1)));
        }
        if (params.getCapabilities() != null) {
            clientCapabilities = params.getCapabilities();
        }
        for (String root : roots(params)) {
            Path p = Workspace.path(root);
            if (p != null && Files.isDirectory(p)) {
                workspace.addRoot(p);
            }
        }
        documents.setClientCapabilities(clientCapabilities);
        initializationOptions = section(Gsons.plain(params.getInitializationOptions()));
        settings = Settings.merged(initializationOptions);
        service.updates().configure(settings);
        boolean pull = Capabilities.pullDiagnostics(clientCapabilities);
        diagnostics.usePull(pull, Capabilities.diagnosticRefresh(clientCapabilities));

        ServerCapabilities caps = new ServerCapabilities();
        TextDocumentSyncOptions sync = new TextDocumentSyncOptions();
        sync.setOpenClose(true);
        sync.setChange(TextDocumentSyncKind.Incremental);
        caps.setTextDocumentSync(sync);
        caps.setHoverProvider(true);
        caps.setCompletionProvider(new CompletionOptions(false, List.of(":", "-")));
        caps.setCodeLensProvider(new CodeLensOptions(false));
        CodeActionOptions actions = new CodeActionOptions(List.of(CodeActionKind.QuickFix, CodeActionKind.SourceFixAll));
        actions.setResolveProvider(Capabilities.codeActionResolve(clientCapabilities));
        caps.setCodeActionProvider(actions);
        caps.setDocumentSymbolProvider(true);
        caps.setDefinitionProvider(true);
        caps.setDocumentLinkProvider(new DocumentLinkOptions(false));
        caps.setReferencesProvider(true);
        caps.setRenameProvider(new RenameOptions(true));
        caps.setWorkspaceSymbolProvider(true);
        caps.setFoldingRangeProvider(true);
        caps.setSelectionRangeProvider(true);
        caps.setInlayHintProvider(true);
        caps.setExecuteCommandProvider(new ExecuteCommandOptions(List.of(AstridTextDocumentService.TRUST_SUMMARY_COMMAND)));
        if (pull) {
            // Advertised only to clients that pull; everyone else gets pushed diagnostics.
            DiagnosticRegistrationOptions options = new DiagnosticRegistrationOptions(true, true);
            options.setIdentifier("astrid");
            caps.setDiagnosticProvider(options);
        }
        WorkspaceFoldersOptions folders = new WorkspaceFoldersOptions();
        folders.setSupported(true);
        folders.setChangeNotifications(true);
        caps.setWorkspace(new WorkspaceServerCapabilities(folders));
        String version = AstridLanguageServer.class.getPackage().getImplementationVersion();
        return CompletableFuture.completedFuture(
                new InitializeResult(caps, new ServerInfo("astrid-pack-ls", version == null ? "dev" : version)));
    }

    private static List<String> roots(InitializeParams params) {
        if (params.getWorkspaceFolders() != null && !params.getWorkspaceFolders().isEmpty()) {
            return params.getWorkspaceFolders().stream().map(WorkspaceFolder::getUri).toList();
        }
        @SuppressWarnings("deprecation")
        String rootUri = params.getRootUri();
        return Optional.ofNullable(rootUri).map(List::of).orElse(List.of());
    }

    @Override
    public void initialized(InitializedParams params) {
        LanguageClient c = client;
        if (c == null) {
            return;
        }
        if (Capabilities.watchedFilesRegistration(clientCapabilities)) {
            // Editors report a deleted or moved folder as one event for the folder, which no manifest
            // pattern matches: a delete-only watcher on everything catches those. A pack's Python is
            // watched too: the disclosure checks of its pack manifest read it.
            List<FileSystemWatcher> watchers = List.of(
                    new FileSystemWatcher(Either.forLeft("**/{pack,executor,orchestrator,element}.{yaml,yml,json}")),
                    new FileSystemWatcher(Either.forLeft("**/*.py")),
                    new FileSystemWatcher(Either.forLeft("**/.no-pack")),
                    new FileSystemWatcher(Either.forLeft("**/*"), WatchKind.Delete));
            c.registerCapability(new RegistrationParams(List.of(new Registration("astrid-watch",
                    "workspace/didChangeWatchedFiles", new DidChangeWatchedFilesRegistrationOptions(watchers)))));
        }
        updateBases.start(clientCapabilities);
        if (Capabilities.configuration(clientCapabilities)) {
            pullSettings(c);
        }
        // the first hover or completion should not pay for code running the first time
        requestThreads.execute(() -> {
            try {
                LanguageService.warmUp();
            } catch (RuntimeException e) {
                System.err.println("astrid-pack-ls: warm-up failed: " + e);
            }
        });
        // The document the user opened is checked before the workspace: on a small machine, the
        // scan's cold checks beside that first one only delay its squiggles. A second at most.
        diagnostics.firstChecked().completeOnTimeout(null, 1, TimeUnit.SECONDS).thenRun(() -> {
            if (!workspace.roots().isEmpty()) {
                scan.start(c, Capabilities.workDoneProgress(clientCapabilities), workspace.roots());
            }
        });
    }

    /** Workspace folders came and went: new ones are scanned, what was shown under removed ones is cleared. */
    void foldersChanged(List<Path> added, List<Path> removed) {
        for (Path p : removed) {
            workspace.removeRoot(p);
            scan.removed(p);
            diagnostics.folderChanged(p);
        }
        List<Path> fresh = added.stream().filter(Files::isDirectory).toList();
        fresh.forEach(workspace::addRoot);
        LanguageClient c = client;
        if (c != null && !fresh.isEmpty()) {
            scan.start(c, Capabilities.workDoneProgress(clientCapabilities),
                    fresh.stream().map(p -> p.toAbsolutePath().normalize()).toList());
        }
    }

    /**
     * {@code workspace/didChangeConfiguration}: clients that answer {@code workspace/configuration}
     * are asked again; others send the settings in the notification (under {@code astrid}, or as
     * the section itself).
     */
    void reloadSettings(Object pushed) {
        LanguageClient c = client;
        if (c != null && Capabilities.configuration(clientCapabilities)) {
            pullSettings(c);
            return;
        }
        apply(Settings.merged(initializationOptions, section(Gsons.plain(pushed))));
    }

    private void pullSettings(LanguageClient c) {
        ConfigurationItem item = new ConfigurationItem();
        item.setSection("astrid");
        c.configuration(new ConfigurationParams(List.of(item))).thenAccept(values -> apply(Settings.merged(
                initializationOptions, values == null || values.isEmpty() ? null : Gsons.plain(values.get(0)))));
    }

    /** The {@code astrid} section of a settings object, or the object itself when it is the section. */
    private static Object section(Object plain) {
        return plain instanceof Map<?, ?> map && map.get("astrid") instanceof Map<?, ?> section ? section : plain;
    }

    /** New settings take effect at once: every shown diagnostic is recomputed, hints are redrawn. */
    private void apply(Settings next) {
        if (next.sameValues(settings, LanguageService.SETTINGS)) {
            return; // e.g. the defaults, spelled out: re-checking everything would only make the client pull again
        }
        settings = next;
        if (service.updates().configure(next)) {
            updateBases.baseChanged();
        }
        diagnostics.recheckAll();
        LanguageClient c = client;
        if (c != null && Capabilities.inlayHintRefresh(clientCapabilities)) {
            c.refreshInlayHints();
        }
    }

    @Override
    public CompletableFuture<Object> shutdown() {
        shutdownRequested = true;
        diagnostics.cancelAll();
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public void exit() {
        requestThreads.shutdownNow();
        validation.shutdownNow();
        git.shutdownNow();
        exit.accept(shutdownRequested ? 0 : 1);
    }

    @Override
    public TextDocumentService getTextDocumentService() {
        return documents;
    }

    @Override
    public WorkspaceService getWorkspaceService() {
        return workspaceService;
    }
}
