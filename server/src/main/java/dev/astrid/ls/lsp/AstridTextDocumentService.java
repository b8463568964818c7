package dev.astrid.ls.lsp;

import dev.astrid.ls.core.CancelChecker;
import dev.astrid.ls.core.Code;
import dev.astrid.ls.core.Diagnostic;
import dev.astrid.ls.core.Settings;
import dev.astrid.ls.rules.Rules;
import dev.astrid.ls.service.LanguageService;
import dev.astrid.ls.service.Snapshot;
import dev.astrid.ls.text.Range;
import dev.astrid.ls.text.TextDocument;
import dev.astrid.ls.workspace.Workspace;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import org.eclipse.lsp4j.ClientCapabilities;
import org.eclipse.lsp4j.CodeAction;
import org.eclipse.lsp4j.CodeActionKind;
import org.eclipse.lsp4j.CodeActionParams;
import org.eclipse.lsp4j.CodeLens;
import org.eclipse.lsp4j.CodeLensParams;
import org.eclipse.lsp4j.Command;
import org.eclipse.lsp4j.CompletionItem;
import org.eclipse.lsp4j.CompletionList;
import org.eclipse.lsp4j.CompletionParams;
import org.eclipse.lsp4j.DefinitionParams;
import org.eclipse.lsp4j.DidChangeTextDocumentParams;
import org.eclipse.lsp4j.DidCloseTextDocumentParams;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.DidSaveTextDocumentParams;
import org.eclipse.lsp4j.DocumentDiagnosticParams;
import org.eclipse.lsp4j.DocumentDiagnosticReport;
import org.eclipse.lsp4j.DocumentLink;
import org.eclipse.lsp4j.DocumentLinkParams;
import org.eclipse.lsp4j.DocumentSymbol;
import org.eclipse.lsp4j.DocumentSymbolParams;
import org.eclipse.lsp4j.FoldingRange;
import org.eclipse.lsp4j.FoldingRangeRequestParams;
import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.InlayHint;
import org.eclipse.lsp4j.InlayHintParams;
import org.eclipse.lsp4j.Location;
import org.eclipse.lsp4j.LocationLink;
import org.eclipse.lsp4j.PrepareRenameDefaultBehavior;
import org.eclipse.lsp4j.PrepareRenameParams;
import org.eclipse.lsp4j.PrepareRenameResult;
import org.eclipse.lsp4j.ReferenceParams;
import org.eclipse.lsp4j.RenameParams;
import org.eclipse.lsp4j.WorkspaceEdit;
import org.eclipse.lsp4j.RelatedFullDocumentDiagnosticReport;
import org.eclipse.lsp4j.RelatedUnchangedDocumentDiagnosticReport;
import org.eclipse.lsp4j.SelectionRange;
import org.eclipse.lsp4j.SelectionRangeParams;
import org.eclipse.lsp4j.SymbolInformation;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.eclipse.lsp4j.jsonrpc.CompletableFutures;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.eclipse.lsp4j.jsonrpc.messages.Either3;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseError;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseErrorCode;
import org.eclipse.lsp4j.services.TextDocumentService;

/**
 * Document sync and the per-document requests. Every request has one shape ({@link #compute}):
 * a snapshot of the document and its pack, taken once, and a cancel checker, handed to the
 * language service; the answer is converted by {@link Convert}.
 */
final class AstridTextDocumentService implements TextDocumentService {
    static final String TRUST_SUMMARY_COMMAND = "astrid.trustSummary";

    private final LanguageService service;
    private final Workspace workspace;
    private final PerDocument requests;
    private final Diagnostics diagnostics;
    private final Supplier<Settings> settings;
    private final UpdateBases updateBases;
    private volatile ClientCapabilities client = new ClientCapabilities();

    AstridTextDocumentService(LanguageService service, PerDocument requests, Diagnostics diagnostics,
                              Supplier<Settings> settings, UpdateBases updateBases) {
        this.service = service;
        this.workspace = service.workspace();
        this.requests = requests;
        this.diagnostics = diagnostics;
        this.settings = settings;
        this.updateBases = updateBases;
    }

    void setClientCapabilities(ClientCapabilities client) {
        this.client = client;
    }

    /** Thrown by a request's cancel checker when its document changed or closed meanwhile. */
    private static final class Stale extends CancellationException {
        Stale() {
            super("the document changed");
        }
    }

    /**
     * The one shape of every request: off the message thread, and in turn with the document's other
     * requests (a slow document holds one thread, never all), the document's snapshot (open buffer,
     * else the file) taken once, then {@code work} with a cancel checker that stops when the client
     * cancels or the document changes or closes. {@code none} answers for a document that is not a
     * manifest.
     */
    <R> CompletableFuture<R> compute(String uri, R none, BiFunction<Snapshot, CancelChecker, R> work) {
        return CompletableFutures.computeAsync(requests.of(uri), lsp -> {
            lsp.checkCanceled(); // cancelled while it waited its turn
            TextDocument open = workspace.openDocument(uri);
            Snapshot s = service.snapshot(uri).orElse(null);
            if (s == null) {
                return none;
            }
            CancelChecker cancel = () -> {
                lsp.checkCanceled();
                if (workspace.openDocument(uri) != open) {
                    throw new Stale();
                }
            };
            try {
                return work.apply(s, cancel);
            } catch (Stale e) {
                throw new ResponseErrorException(new ResponseError(ResponseErrorCode.ContentModified,
                        "The document changed while this request ran", null));
            }
        });
    }

    @Override
    public void didOpen(DidOpenTextDocumentParams params) {
        var item = params.getTextDocument();
        workspace.open(new TextDocument(item.getUri(), item.getVersion(), item.getText()));
        diagnostics.changed(item.getUri(), 0);
        updateBases.opened(item.getUri());
    }

    @Override
    public void didChange(DidChangeTextDocumentParams params) {
        String uri = params.getTextDocument().getUri();
        TextDocument doc = workspace.openDocument(uri);
        if (doc == null) {
            return; // a change to a document that was never opened: nothing to apply it to
        }
        int version = params.getTextDocument().getVersion() == null ? doc.version() + 1
                : params.getTextDocument().getVersion();
        for (TextDocumentContentChangeEvent change : params.getContentChanges()) {
            doc = doc.apply(Convert.range(change.getRange()), change.getText(), version);
        }
        workspace.open(doc);
        diagnostics.changed(uri, Diagnostics.DEBOUNCE_MS);
    }

    @Override
    public void didClose(DidCloseTextDocumentParams params) {
        String uri = params.getTextDocument().getUri();
        workspace.close(uri);
        diagnostics.closed(uri);
    }

    @Override
    public void didSave(DidSaveTextDocumentParams params) {
        // the open buffer is the truth; saving changes nothing here
    }

    @Override
    public CompletableFuture<Hover> hover(HoverParams params) {
        return compute(params.getTextDocument().getUri(), null, (s, cancel) ->
                service.hover(s, s.document().offsetAt(Convert.position(params.getPosition())), cancel)
                        .map(h -> Convert.hover(h, s.document())).orElse(null));
    }

    @Override
    public CompletableFuture<Either<List<CompletionItem>, CompletionList>> completion(CompletionParams params) {
        return compute(params.getTextDocument().getUri(), Either.forRight(new CompletionList(false, List.of())),
                (s, cancel) -> Either.forRight(new CompletionList(false, Convert.completions(service.complete(s,
                        s.document().offsetAt(Convert.position(params.getPosition())), cancel), s.document(),
                        Capabilities.snippets(client)))));
    }

    /**
     * Lenses at the top of pack.yaml: the trust summary headline, and the update diff headline
     * (a pack whose base was never read is read here, off the reader thread); both commands
     * return the full trust summary, which ends with the update diff.
     */
    @Override
    public CompletableFuture<List<? extends CodeLens>> codeLens(CodeLensParams params) {
        String uri = params.getTextDocument().getUri();
        return compute(uri, List.of(), (s, cancel) -> {
            List<CodeLens> lenses = new ArrayList<>();
            service.trustHeadline(s).ifPresent(headline -> {
                lenses.add(lens(headline, uri));
                updateBases.ensure(s.pack().root());
                service.updateHeadline(s).ifPresent(update -> lenses.add(lens(update, uri)));
            });
            return lenses;
        });
    }

    private static CodeLens lens(String title, String uri) {
        return new CodeLens(Convert.range(Range.of(0, 0, 0, 0)), new Command(title, TRUST_SUMMARY_COMMAND, List.of(uri)),
                null);
    }

    /** Pull diagnostics, with result ids so an unchanged document costs the client nothing. */
    @Override
    public CompletableFuture<DocumentDiagnosticReport> diagnostic(DocumentDiagnosticParams params) {
        return compute(params.getTextDocument().getUri(), report(List.of(), params.getPreviousResultId()),
                (s, cancel) -> {
                    DocumentDiagnosticReport r = report(service.diagnose(s, settings.get(), cancel), params.getPreviousResultId());
                    diagnostics.pulled();
                    return r;
                });
    }

    private static DocumentDiagnosticReport report(List<Diagnostic> found, String previous) {
        String resultId = resultId(found);
        if (resultId.equals(previous)) {
            return new DocumentDiagnosticReport(new RelatedUnchangedDocumentDiagnosticReport(resultId));
        }
        RelatedFullDocumentDiagnosticReport full =
                new RelatedFullDocumentDiagnosticReport(found.stream().map(Convert::diagnostic).toList());
        full.setResultId(resultId);
        return new DocumentDiagnosticReport(full);
    }

    /**
     * Quick fixes for the diagnostics in the range, plus one {@code source.fixAll} action with
     * every safe fix. Edits are left for {@code codeAction/resolve} when the client supports it.
     */
    @Override
    public CompletableFuture<List<Either<Command, CodeAction>>> codeAction(CodeActionParams params) {
        String uri = params.getTextDocument().getUri();
        List<String> only = params.getContext() == null ? null : params.getContext().getOnly();
        Set<Code> codes = new HashSet<>();
        if (params.getContext() != null && params.getContext().getDiagnostics() != null) {
            params.getContext().getDiagnostics().stream()
                    .filter(d -> d.getCode() != null && d.getCode().isLeft() && Convert.SOURCE.equals(d.getSource()))
                    .forEach(d -> Rules.code(d.getCode().getLeft()).ifPresent(codes::add));
        }
        return compute(uri, List.of(), (s, cancel) -> {
            List<Either<Command, CodeAction>> out = new ArrayList<>();
            boolean resolve = Capabilities.codeActionResolve(client);
            boolean documentChanges = Capabilities.documentChanges(client);
            if (wants(only, CodeActionKind.QuickFix)) {
                for (LanguageService.Action a : service.codeActions(s, Convert.range(params.getRange()), codes,
                        settings.get(), snippetEdits(), cancel)) {
                    out.add(Either.forRight(Convert.quickFix(a, uri, resolve, workspace, documentChanges)));
                }
            }
            if (wants(only, CodeActionKind.SourceFixAll)) {
                var all = service.fixAll(s, settings.get(), cancel);
                if (!all.isEmpty()) {
                    out.add(Either.forRight(Convert.fixAll(all, workspace, documentChanges)));
                }
            }
            return out;
        });
    }

    private boolean snippetEdits() {
        return Capabilities.snippetEdits(client) && Capabilities.documentChanges(client);
    }

    private static boolean wants(List<String> only, String kind) {
        return only == null || only.isEmpty() || only.stream().anyMatch(k -> kind.equals(k) || kind.startsWith(k + "."));
    }

    /** Recomputes the fix named in the action's data and attaches its edit. */
    @Override
    public CompletableFuture<CodeAction> resolveCodeAction(CodeAction unresolved) {
        Convert.ActionRef ref = Convert.actionRef(unresolved.getData()).orElse(null);
        Code code = ref == null ? null : Rules.code(ref.code()).orElse(null);
        if (code == null) {
            return CompletableFuture.completedFuture(unresolved);
        }
        return compute(ref.uri(), unresolved, (s, cancel) -> {
            service.codeActions(s, new Range(ref.at(), ref.at()), Set.of(code), settings.get(),
                            snippetEdits(), cancel).stream()
                    .filter(a -> a.fix().title().equals(ref.title()))
                    .findFirst()
                    .ifPresent(a -> unresolved.setEdit(Edits.workspaceEdit(a.fix().edits(), workspace,
                            Capabilities.documentChanges(client), a.fix().snippet())));
            return unresolved;
        });
    }

    /** The outline: nested symbols, or a flat list with container names for clients that want one. */
    @Override
    public CompletableFuture<List<Either<SymbolInformation, DocumentSymbol>>> documentSymbol(DocumentSymbolParams params) {
        boolean hierarchical = Capabilities.hierarchicalSymbols(client);
        return compute(params.getTextDocument().getUri(), List.of(), (s, cancel) -> {
            var symbols = service.symbols(s, cancel);
            return hierarchical
                    ? symbols.stream().map(x -> Either.<SymbolInformation, DocumentSymbol>forRight(
                            Convert.symbol(x, s.document()))).toList()
                    : Convert.flatSymbols(symbols, s.document()).stream()
                            .map(Either::<SymbolInformation, DocumentSymbol>forLeft).toList();
        });
    }

    @Override
    public CompletableFuture<List<FoldingRange>> foldingRange(FoldingRangeRequestParams params) {
        return compute(params.getTextDocument().getUri(), List.of(), (s, cancel) ->
                service.folds(s, cancel).stream().map(Convert::fold).toList());
    }

    @Override
    public CompletableFuture<List<SelectionRange>> selectionRange(SelectionRangeParams params) {
        return compute(params.getTextDocument().getUri(), List.of(), (s, cancel) -> params.getPositions().stream()
                .map(p -> Convert.selection(service.selection(s, s.document().offsetAt(Convert.position(p)), cancel),
                        p, s.document())).toList());
    }

    @Override
    public CompletableFuture<List<InlayHint>> inlayHint(InlayHintParams params) {
        return compute(params.getTextDocument().getUri(), List.of(), (s, cancel) -> {
            TextDocument doc = s.document();
            Range r = Convert.range(params.getRange());
            return service.inlayHints(s, doc.offsetAt(r.start()), doc.offsetAt(r.end()), settings.get(), cancel)
                    .stream().map(h -> Convert.inlayHint(h, doc)).toList();
        });
    }

    @Override
    public CompletableFuture<List<DocumentLink>> documentLink(DocumentLinkParams params) {
        return compute(params.getTextDocument().getUri(), List.of(), (s, cancel) -> service.documentLinks(s, cancel)
                .stream().map(l -> new DocumentLink(Convert.range(s.document().rangeOf(l.start(), l.end())), l.target()))
                .toList());
    }

    @Override
    public CompletableFuture<Either<List<? extends Location>, List<? extends LocationLink>>> definition(
            DefinitionParams params) {
        return compute(params.getTextDocument().getUri(), Either.forLeft(List.of()), (s, cancel) -> Either.forLeft(
                Convert.locations(service.definition(s, s.document().offsetAt(Convert.position(params.getPosition())),
                        cancel))));
    }

    @Override
    public CompletableFuture<List<? extends Location>> references(ReferenceParams params) {
        boolean declaration = params.getContext() == null || params.getContext().isIncludeDeclaration();
        return compute(params.getTextDocument().getUri(), List.of(), (s, cancel) -> Convert.locations(
                service.references(s, s.document().offsetAt(Convert.position(params.getPosition())), declaration, cancel)));
    }

    @Override
    public CompletableFuture<Either3<org.eclipse.lsp4j.Range, PrepareRenameResult, PrepareRenameDefaultBehavior>>
            prepareRename(PrepareRenameParams params) {
        return compute(params.getTextDocument().getUri(), null, (s, cancel) -> {
            var target = service.prepareRename(s, s.document().offsetAt(Convert.position(params.getPosition())), cancel);
            return target == null ? null
                    : Either3.forSecond(new PrepareRenameResult(Convert.range(target.range()), target.placeholder()));
        });
    }

    /** One workspace edit over every manifest that names the secret or component; a bad name is refused. */
    @Override
    public CompletableFuture<WorkspaceEdit> rename(RenameParams params) {
        return compute(params.getTextDocument().getUri(), null, (s, cancel) -> {
            var result = service.rename(s, s.document().offsetAt(Convert.position(params.getPosition())),
                    params.getNewName(), cancel);
            if (result.refusal() != null) {
                throw new ResponseErrorException(new ResponseError(ResponseErrorCode.InvalidParams, result.refusal(), null));
            }
            return Edits.workspaceEdit(result.edits(), workspace, Capabilities.documentChanges(client), false);
        });
    }

    /** Equal diagnostics give equal ids, so "unchanged" is exact. */
    static String resultId(List<Diagnostic> diagnostics) {
        return Integer.toHexString(diagnostics.hashCode()) + "-" + diagnostics.size();
    }
}
