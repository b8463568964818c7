package dev.astrid.ls.lsp;

import com.google.gson.JsonPrimitive;
import dev.astrid.ls.core.Diagnostic;
import dev.astrid.ls.core.Settings;
import dev.astrid.ls.model.ManifestKind;
import dev.astrid.ls.service.LanguageService;
import dev.astrid.ls.workspace.Workspace;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.eclipse.lsp4j.DidChangeConfigurationParams;
import org.eclipse.lsp4j.DidChangeWatchedFilesParams;
import org.eclipse.lsp4j.DidChangeWorkspaceFoldersParams;
import org.eclipse.lsp4j.ExecuteCommandParams;
import org.eclipse.lsp4j.FileEvent;
import org.eclipse.lsp4j.PreviousResultId;
import org.eclipse.lsp4j.SymbolInformation;
import org.eclipse.lsp4j.WorkspaceSymbol;
import org.eclipse.lsp4j.WorkspaceSymbolParams;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.eclipse.lsp4j.WorkspaceDiagnosticParams;
import org.eclipse.lsp4j.WorkspaceFolder;
import org.eclipse.lsp4j.WorkspaceDiagnosticReport;
import org.eclipse.lsp4j.WorkspaceDocumentDiagnosticReport;
import org.eclipse.lsp4j.WorkspaceFullDocumentDiagnosticReport;
import org.eclipse.lsp4j.WorkspaceUnchangedDocumentDiagnosticReport;
import org.eclipse.lsp4j.jsonrpc.CompletableFutures;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseError;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseErrorCode;
import org.eclipse.lsp4j.services.WorkspaceService;

/** Files changing on disk, workspace folders, commands and workspace-wide pull diagnostics. */
final class AstridWorkspaceService implements WorkspaceService {
    private final LanguageService service;
    private final Workspace workspace;
    private final PerDocument requests;
    private final Diagnostics diagnostics;
    private final WorkspaceScan scan;
    private final Consumer<Object> settingsChanged;
    private final BiConsumer<List<Path>, List<Path>> foldersChanged;
    private final Supplier<Settings> settings;

    AstridWorkspaceService(LanguageService service, PerDocument requests, Diagnostics diagnostics, WorkspaceScan scan,
                           Supplier<Settings> settings, Consumer<Object> settingsChanged,
                           BiConsumer<List<Path>, List<Path>> foldersChanged) {
        this.service = service;
        this.workspace = service.workspace();
        this.requests = requests;
        this.diagnostics = diagnostics;
        this.scan = scan;
        this.settings = settings;
        this.settingsChanged = settingsChanged;
        this.foldersChanged = foldersChanged;
    }

    @Override
    public void didChangeConfiguration(DidChangeConfigurationParams params) {
        settingsChanged.accept(params == null ? null : params.getSettings());
    }

    /**
     * Disk changes: unsaved buffers still win; files that are not open are re-checked with their
     * pack. An event for a folder (created, deleted, renamed: editors send one for the folder, not
     * one per file) or for a {@code .no-pack} marker re-checks everything beneath that folder.
     */
    @Override
    public void didChangeWatchedFiles(DidChangeWatchedFilesParams params) {
        for (FileEvent e : params.getChanges()) {
            Path p = Workspace.path(e.getUri());
            if (p == null) {
                continue;
            }
            workspace.changed(p);
            scan.fileChanged(p);
            if (ManifestKind.of(p.toString()).isPresent() && !Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                diagnostics.changed(Workspace.uri(p), Diagnostics.DEBOUNCE_MS);
            } else {
                diagnostics.folderChanged(p.getFileName() != null && p.getFileName().toString().equals(".no-pack")
                        ? p.getParent() : p);
            }
        }
    }

    @Override
    public void didChangeWorkspaceFolders(DidChangeWorkspaceFoldersParams params) {
        foldersChanged.accept(folders(params.getEvent().getAdded()), folders(params.getEvent().getRemoved()));
    }

    private static List<Path> folders(List<WorkspaceFolder> folders) {
        return folders == null ? List.of() : folders.stream().map(f -> Workspace.path(f.getUri()))
                .filter(java.util.Objects::nonNull).toList();
    }

    @Override
    public CompletableFuture<Object> executeCommand(ExecuteCommandParams params) {
        if (!AstridTextDocumentService.TRUST_SUMMARY_COMMAND.equals(params.getCommand())) {
            return CompletableFuture.failedFuture(new ResponseErrorException(new ResponseError(
                    ResponseErrorCode.InvalidParams, "Unknown command: " + params.getCommand(), null)));
        }
        List<Object> args = params.getArguments();
        String uri = args == null || args.isEmpty() ? null : args.get(0) instanceof JsonPrimitive j ? j.getAsString()
                : String.valueOf(args.get(0));
        return CompletableFutures.computeAsync(requests.of(uri == null ? "" : uri), cancel -> {
            if (uri == null) {
                throw new ResponseErrorException(new ResponseError(ResponseErrorCode.InvalidParams,
                        "astrid.trustSummary takes the URI of a pack manifest", null));
            }
            return service.snapshot(uri).flatMap(service::trustSummary).orElseThrow(() -> new ResponseErrorException(new ResponseError(
                    ResponseErrorCode.InvalidParams, "No pack found for " + uri, null)));
        });
    }

    @Override
    public CompletableFuture<Either<List<? extends SymbolInformation>, List<? extends WorkspaceSymbol>>> symbol(
            WorkspaceSymbolParams params) {
        return CompletableFutures.computeAsync(requests.of("workspace/symbol"), cancel -> Either.forRight(service.workspaceSymbols(
                params.getQuery() == null ? "" : params.getQuery(), cancel::checkCanceled).stream()
                .map(Convert::workspaceSymbol).toList()));
    }

    /** Every manifest of the workspace that is not open (open ones are pulled per document). */
    @Override
    public CompletableFuture<WorkspaceDiagnosticReport> diagnostic(WorkspaceDiagnosticParams params) {
        Map<String, String> previous = params.getPreviousResultIds() == null ? Map.of()
                : params.getPreviousResultIds().stream().collect(Collectors.toMap(PreviousResultId::getUri,
                PreviousResultId::getValue, (a, b) -> b));
        return CompletableFutures.computeAsync(requests.of("workspace/diagnostic"), cancel -> {
            List<WorkspaceDocumentDiagnosticReport> items = new ArrayList<>();
            List<String> closed = scan.manifests().stream().filter(uri -> workspace.openDocument(uri) == null).toList();
            service.diagnoseAll(closed, settings.get(), cancel::checkCanceled, (uri, found) -> {
                String resultId = AstridTextDocumentService.resultId(found);
                items.add(resultId.equals(previous.get(uri))
                        ? new WorkspaceDocumentDiagnosticReport(new WorkspaceUnchangedDocumentDiagnosticReport(resultId, uri, null))
                        : new WorkspaceDocumentDiagnosticReport(full(uri, found, resultId)));
            });
            return new WorkspaceDiagnosticReport(items);
        });
    }

    private static WorkspaceFullDocumentDiagnosticReport full(String uri, List<Diagnostic> found, String resultId) {
        WorkspaceFullDocumentDiagnosticReport r = new WorkspaceFullDocumentDiagnosticReport(
                found.stream().map(Convert::diagnostic).toList(), uri, null);
        r.setResultId(resultId);
        return r;
    }
}
