import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.eclipse.lsp4j.*;
import org.eclipse.lsp4j.launch.LSPLauncher;
import org.eclipse.lsp4j.services.LanguageClient;
import org.eclipse.lsp4j.services.LanguageServer;

/**
 * Build-time tool, not part of the product: records the class-data-sharing archive of the
 * language server. It starts the real server process exactly as the launcher does (the flags of
 * jvm.options, from the installation folder) plus -XX:ArchiveClassesAtExit, and plays an editor
 * session against it over stdio (open, diagnostics, typing, hover, completion, quick fixes, code
 * lens, trust summary, outline, folding, selection, inlay hints, shutdown), so that the classes
 * of every request path are in the archive. Run as a single-file program with LSP4J on the class
 * path (the server's own jar); it uses no class of the server, only the protocol.
 *
 * <pre>java -cp JAR CdsTraining.java HOME JAVA JVM_OPTIONS JAR_IN_HOME ARCHIVE_IN_HOME WORKSPACE</pre>
 * JAR_IN_HOME and ARCHIVE_IN_HOME are relative to HOME: Java 17 maps the archive only when the
 * jar is found at the path it was recorded with, and the launchers run the server from HOME.
 */
public final class CdsTraining {
    /**
     * The jar's modification time when the archive is recorded. CDS refuses a jar whose mtime
     * changed, and not every unpacker (a .vsix installer, say) keeps mtimes: a fixed one can be
     * restored. 2000-01-01T00:00:00Z, also a whole 2-second step for zip timestamps.
     */
    static final long JAR_MTIME = 946684800L;

    private static final long TIMEOUT_S = 60;

    public static void main(String[] args) throws Exception {
        if (args.length != 6) {
            System.err.println("usage: CdsTraining HOME JAVA JVM_OPTIONS JAR_IN_HOME ARCHIVE_IN_HOME WORKSPACE");
            System.exit(2);
        }
        Path home = Path.of(args[0]).toAbsolutePath();
        String java = args[1];
        Path jar = home.resolve(args[3]);
        Path archive = home.resolve(args[4]);
        Path workspace = Path.of(args[5]).toAbsolutePath().normalize();
        Files.setLastModifiedTime(jar, FileTime.from(Instant.ofEpochSecond(JAR_MTIME)));
        Files.deleteIfExists(archive);

        List<String> command = new ArrayList<>(List.of(java));
        command.addAll(jvmOptions(Path.of(args[2])));
        command.addAll(List.of("-XX:ArchiveClassesAtExit=" + args[4], "-Xlog:cds=off:stderr", "-Xlog:cds+dynamic=off:stderr",
                "-jar", args[3], "--stdio"));
        Process server = new ProcessBuilder(command).directory(home.toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try {
            session(server, workspace);
            if (!server.waitFor(TIMEOUT_S, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the server did not exit after shutdown and exit");
            }
            if (server.exitValue() != 0 || !Files.isRegularFile(archive)) {
                throw new IllegalStateException("the server exited with " + server.exitValue() + ", archive "
                        + (Files.isRegularFile(archive) ? "written" : "missing"));
            }
            Path marker = home.resolve(args[4] + ".jvm");
            Files.deleteIfExists(marker);
            runtimeVersion(java).ifPresent(version -> {
                try {
                    Files.writeString(marker, version + "\n");
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
        } catch (Exception | Error e) {
            // A failed session must fail the build, never leave a half-trained archive behind.
            server.destroyForcibly();
            Files.deleteIfExists(archive);
            e.printStackTrace();
            System.exit(1);
        }
        System.out.printf("CDS archive %s: %.1f MiB%n", archive, Files.size(archive) / 1048576.0);
        System.exit(0);
    }

    /** jvm.options: one flag per line, '#' starts a comment (the launchers read it the same way). */
    static List<String> jvmOptions(Path file) throws IOException {
        return Files.readAllLines(file).stream().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
    }

    /**
     * The JAVA_RUNTIME_VERSION line of the Java's release file, written beside the archive: the
     * launcher passes the archive only to that same Java (another one would refuse it with a
     * warning). A runtime made by jlink has no such line, and needs no marker: it ships with its own.
     */
    static java.util.Optional<String> runtimeVersion(String java) throws IOException {
        Path release = Path.of(java).toRealPath().getParent().getParent().resolve("release");
        try (Stream<String> lines = Files.lines(release)) {
            return lines.filter(l -> l.startsWith("JAVA_RUNTIME_VERSION=")).findFirst();
        }
    }

    static void session(Process process, Path workspace) throws Exception {
        Path packDir = workspace.resolve("weather_report");
        Path packFile = packDir.resolve("pack.yaml");
        Path executorFile = packDir.resolve("executors/fetch/executor.yaml");
        String pack = packFile.toUri().toString();
        String executor = executorFile.toUri().toString();
        String packText = Files.readString(packFile);

        Client client = new Client();
        var launcher = LSPLauncher.createClientLauncher(client, process.getInputStream(), process.getOutputStream());
        launcher.startListening();
        LanguageServer server = launcher.getRemoteProxy();

        InitializeParams init = new InitializeParams();
        init.setProcessId((int) ProcessHandle.current().pid());
        init.setWorkspaceFolders(List.of(new WorkspaceFolder(workspace.toUri().toString(), "examples")));
        init.setCapabilities(editorCapabilities());
        server.initialize(init).get(TIMEOUT_S, TimeUnit.SECONDS);
        server.initialized(new InitializedParams());

        var text = server.getTextDocumentService();
        text.didOpen(new DidOpenTextDocumentParams(new TextDocumentItem(pack, "yaml", 1, packText)));
        List<Diagnostic> diagnostics = client.diagnosticsOf(pack, 1);
        // The executor, unsaved, now uses the network: pack.yaml's pairing rules run again.
        text.didOpen(new DidOpenTextDocumentParams(new TextDocumentItem(executor, "yaml", 1,
                Files.readString(executorFile) + "isolation:\n  network: true\n  secrets_required: [OPEN_METEO_TOKEN]\n")));
        client.diagnosticsOf(executor, 1);

        // Typing into a reason, each keystroke's diagnostics awaited; it ends up naming a secret.
        Position reasonEnd = endOf(packText, "reason: Needed for functionality");
        int column = reasonEnd.getCharacter();
        int version = 1;
        for (String typed : List.of(" with", " OPEN", "_METEO", "_TOKEN", ".")) {
            Position at = new Position(reasonEnd.getLine(), column);
            text.didChange(new DidChangeTextDocumentParams(new VersionedTextDocumentIdentifier(pack, ++version),
                    List.of(new TextDocumentContentChangeEvent(new Range(at, at), typed))));
            diagnostics = client.diagnosticsOf(pack, version);
            column += typed.length();
        }

        TextDocumentIdentifier id = new TextDocumentIdentifier(pack);
        Position permissionId = endOf(packText, "- id: Network");
        Position reasonKey = endOf(packText, "    reason");
        Position topKey = endOf(packText, "descr");
        Position knownId = endOf(packText, "- id: environ");
        Position secret = endOf(packText, "name: OPEN_METEO");
        List<CompletableFuture<?>> requests = new ArrayList<>();
        for (Position at : List.of(permissionId, reasonKey, topKey, knownId, secret)) {
            requests.add(text.hover(new HoverParams(id, at)));
            requests.add(text.completion(new CompletionParams(id, at)));
        }
        CodeActionContext context = new CodeActionContext(diagnostics);
        requests.add(text.codeAction(new CodeActionParams(id, new Range(new Position(0, 0), new Position(packText.split("\n").length, 0)), context)));
        CodeActionContext fixAll = new CodeActionContext(List.of());
        fixAll.setOnly(List.of(CodeActionKind.SourceFixAll));
        requests.add(text.codeAction(new CodeActionParams(id, new Range(new Position(0, 0), new Position(0, 0)), fixAll)));
        requests.add(text.codeLens(new CodeLensParams(id)));
        requests.add(text.documentSymbol(new DocumentSymbolParams(id)));
        requests.add(text.foldingRange(new FoldingRangeRequestParams(id)));
        requests.add(text.selectionRange(new SelectionRangeParams(id, List.of(permissionId))));
        requests.add(text.inlayHint(new InlayHintParams(id, new Range(new Position(0, 0), new Position(40, 0)))));
        requests.add(server.getWorkspaceService().executeCommand(new ExecuteCommandParams("astrid.trustSummary", List.of(pack))));
        CompletableFuture.allOf(requests.toArray(CompletableFuture[]::new)).get(TIMEOUT_S, TimeUnit.SECONDS);
        for (CompletableFuture<?> r : requests) {
            if (r.get() == null) {
                throw new IllegalStateException("a request of the training session had no answer: " + requests.indexOf(r));
            }
        }

        text.didClose(new DidCloseTextDocumentParams(new TextDocumentIdentifier(executor)));
        server.shutdown().get(TIMEOUT_S, TimeUnit.SECONDS);
        server.exit();
    }

    /** The position just after the first occurrence of needle. */
    static Position endOf(String text, String needle) {
        int offset = text.indexOf(needle);
        if (offset < 0) {
            throw new IllegalArgumentException("training pack has no '" + needle + "'");
        }
        offset += needle.length();
        int line = (int) text.substring(0, offset).chars().filter(c -> c == '\n').count();
        return new Position(line, offset - text.lastIndexOf('\n', offset - 1) - 1);
    }

    /** What a full-featured editor announces (VS Code's client, roughly), in push-diagnostics mode. */
    static ClientCapabilities editorCapabilities() {
        TextDocumentClientCapabilities t = new TextDocumentClientCapabilities();
        PublishDiagnosticsCapabilities publish = new PublishDiagnosticsCapabilities(true);
        publish.setVersionSupport(true);
        publish.setCodeDescriptionSupport(true);
        publish.setDataSupport(true);
        t.setPublishDiagnostics(publish);
        t.setHover(new HoverCapabilities(List.of(MarkupKind.MARKDOWN, MarkupKind.PLAINTEXT), true));
        CompletionItemCapabilities item = new CompletionItemCapabilities(true);
        item.setDocumentationFormat(List.of(MarkupKind.MARKDOWN, MarkupKind.PLAINTEXT));
        t.setCompletion(new CompletionCapabilities(item));
        CodeActionCapabilities actions = new CodeActionCapabilities(new CodeActionLiteralSupportCapabilities(
                new CodeActionKindCapabilities(List.of(CodeActionKind.QuickFix, CodeActionKind.SourceFixAll))), true);
        actions.setDataSupport(true);
        actions.setIsPreferredSupport(true);
        t.setCodeAction(actions);
        DocumentSymbolCapabilities symbols = new DocumentSymbolCapabilities();
        symbols.setHierarchicalDocumentSymbolSupport(true);
        t.setDocumentSymbol(symbols);
        WorkspaceClientCapabilities w = new WorkspaceClientCapabilities();
        w.setConfiguration(true);
        w.setWorkspaceFolders(true);
        w.setDidChangeWatchedFiles(new DidChangeWatchedFilesCapabilities(true));
        WindowClientCapabilities window = new WindowClientCapabilities();
        window.setWorkDoneProgress(true);
        return new ClientCapabilities(w, t, window, null);
    }

    /** The editor side: records diagnostics, answers the server's requests as an editor would. */
    static final class Client implements LanguageClient {
        final BlockingQueue<PublishDiagnosticsParams> published = new LinkedBlockingQueue<>();

        List<Diagnostic> diagnosticsOf(String uri, int version) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_S);
            while (true) {
                PublishDiagnosticsParams p = published.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                if (p == null) {
                    throw new IllegalStateException("no diagnostics for " + uri + " version " + version);
                }
                if (p.getUri().equals(uri) && (p.getVersion() == null || p.getVersion() == version)) {
                    return p.getDiagnostics();
                }
            }
        }

        @Override
        public void publishDiagnostics(PublishDiagnosticsParams p) {
            published.add(p);
        }

        @Override
        public CompletableFuture<List<Object>> configuration(ConfigurationParams p) {
            return CompletableFuture.completedFuture(List.of(Map.of("inlayHints", Map.of("enabled", true))));
        }

        @Override
        public CompletableFuture<Void> registerCapability(RegistrationParams p) {
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletableFuture<Void> createProgress(WorkDoneProgressCreateParams p) {
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void notifyProgress(ProgressParams p) {}

        @Override
        public void telemetryEvent(Object object) {}

        @Override
        public void showMessage(MessageParams p) {}

        @Override
        public CompletableFuture<MessageActionItem> showMessageRequest(ShowMessageRequestParams p) {
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void logMessage(MessageParams p) {}

        @Override
        public CompletableFuture<ApplyWorkspaceEditResponse> applyEdit(ApplyWorkspaceEditParams p) {
            return CompletableFuture.completedFuture(new ApplyWorkspaceEditResponse(false));
        }

        @Override
        public CompletableFuture<Void> refreshInlayHints() {
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletableFuture<Void> refreshCodeLenses() {
            return CompletableFuture.completedFuture(null);
        }
    }
}
