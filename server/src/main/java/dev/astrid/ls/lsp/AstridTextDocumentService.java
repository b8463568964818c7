package dev.astrid.ls.lsp;

import dev.astrid.ls.rules.Diagnostic;
import dev.astrid.ls.service.LanguageService;
import dev.astrid.ls.text.TextDocument;
import dev.astrid.ls.workspace.Workspace;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import org.eclipse.lsp4j.CodeLens;
import org.eclipse.lsp4j.CodeLensParams;
import org.eclipse.lsp4j.Command;
import org.eclipse.lsp4j.CompletionItem;
import org.eclipse.lsp4j.CompletionList;
import org.eclipse.lsp4j.CompletionParams;
import org.eclipse.lsp4j.DidChangeTextDocumentParams;
import org.eclipse.lsp4j.DidCloseTextDocumentParams;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.DidSaveTextDocumentParams;
import org.eclipse.lsp4j.DocumentDiagnosticParams;
import org.eclipse.lsp4j.DocumentDiagnosticReport;
import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.InsertTextFormat;
import org.eclipse.lsp4j.RelatedFullDocumentDiagnosticReport;
import org.eclipse.lsp4j.RelatedUnchangedDocumentDiagnosticReport;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.eclipse.lsp4j.jsonrpc.CompletableFutures;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.eclipse.lsp4j.services.TextDocumentService;

/** Document sync and the per-document requests; the answers come from the language service. */
final class AstridTextDocumentService implements TextDocumentService {
    static final String TRUST_SUMMARY_COMMAND = "astrid.trustSummary";

    private final LanguageService service;
    private final Workspace workspace;
    private final ExecutorService requests;
    private final Diagnostics diagnostics;
    private final java.util.function.Supplier<dev.astrid.ls.service.Settings> settings;
    private volatile boolean snippetSupport;
    private volatile org.eclipse.lsp4j.ClientCapabilities client = new org.eclipse.lsp4j.ClientCapabilities();

    AstridTextDocumentService(LanguageService service, ExecutorService requests, Diagnostics diagnostics,
                              java.util.function.Supplier<dev.astrid.ls.service.Settings> settings) {
        this.service = service;
        this.workspace = service.workspace();
        this.requests = requests;
        this.diagnostics = diagnostics;
        this.settings = settings;
    }

    void setClientCapabilities(org.eclipse.lsp4j.ClientCapabilities client) {
        this.client = client;
        this.snippetSupport = Capabilities.snippets(client);
    }

    @Override
    public void didOpen(DidOpenTextDocumentParams params) {
        var item = params.getTextDocument();
        workspace.open(new TextDocument(item.getUri(), item.getVersion(), item.getText()));
        diagnostics.changed(item.getUri(), 0);
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
        String uri = params.getTextDocument().getUri();
        return CompletableFutures.computeAsync(requests, cancel -> {
            TextDocument doc = workspace.openDocument(uri);
            if (doc == null) {
                return null;
            }
            int offset = doc.offsetAt(Convert.position(params.getPosition()));
            cancel.checkCanceled();
            return service.hover(uri, offset).map(h -> Convert.hover(h, doc)).orElse(null);
        });
    }

    @Override
    public CompletableFuture<Either<List<CompletionItem>, CompletionList>> completion(CompletionParams params) {
        String uri = params.getTextDocument().getUri();
        return CompletableFutures.computeAsync(requests, cancel -> {
            TextDocument doc = workspace.openDocument(uri);
            if (doc == null) {
                return Either.forRight(new CompletionList(false, List.of()));
            }
            int offset = doc.offsetAt(Convert.position(params.getPosition()));
            cancel.checkCanceled();
            List<CompletionItem> items = Convert.completions(service.complete(uri, offset), doc);
            if (!snippetSupport) {
                items.forEach(i -> {
                    if (i.getInsertTextFormat() == InsertTextFormat.Snippet) {
                        i.setInsertTextFormat(InsertTextFormat.PlainText);
                        i.getTextEdit().getLeft().setNewText(Snippets.toPlainText(i.getTextEdit().getLeft().getNewText()));
                    }
                });
            }
            return Either.forRight(new CompletionList(false, items));
        });
    }

    /** A lens at the top of pack.yaml with the trust summary headline; its command returns the full text. */
    @Override
    public CompletableFuture<List<? extends CodeLens>> codeLens(CodeLensParams params) {
        String uri = params.getTextDocument().getUri();
        return CompletableFutures.computeAsync(requests, cancel -> service.trustHeadline(uri)
                .map(headline -> List.of(new CodeLens(Convert.range(dev.astrid.ls.text.Range.of(0, 0, 0, 0)),
                        new Command(headline, TRUST_SUMMARY_COMMAND, List.of(uri)), null)))
                .orElse(List.of()));
    }

    /** Pull diagnostics, with result ids so an unchanged document costs the client nothing. */
    @Override
    public CompletableFuture<DocumentDiagnosticReport> diagnostic(DocumentDiagnosticParams params) {
        String uri = params.getTextDocument().getUri();
        return CompletableFutures.computeAsync(requests, cancel -> {
            List<Diagnostic> found = diagnostics.compute(uri);
            String resultId = resultId(found);
            if (resultId.equals(params.getPreviousResultId())) {
                return new DocumentDiagnosticReport(new RelatedUnchangedDocumentDiagnosticReport(resultId));
            }
            RelatedFullDocumentDiagnosticReport full =
                    new RelatedFullDocumentDiagnosticReport(found.stream().map(Convert::diagnostic).toList());
            full.setResultId(resultId);
            return new DocumentDiagnosticReport(full);
        });
    }

    /**
     * Quick fixes for the diagnostics in the range, plus one {@code source.fixAll} action with
     * every safe fix. Edits are left for {@code codeAction/resolve} when the client supports it.
     */
    @Override
    public CompletableFuture<List<Either<org.eclipse.lsp4j.Command, org.eclipse.lsp4j.CodeAction>>> codeAction(
            org.eclipse.lsp4j.CodeActionParams params) {
        String uri = params.getTextDocument().getUri();
        List<String> only = params.getContext() == null ? null : params.getContext().getOnly();
        java.util.Set<String> codes = new java.util.HashSet<>();
        if (params.getContext() != null && params.getContext().getDiagnostics() != null) {
            params.getContext().getDiagnostics().stream()
                    .filter(d -> d.getCode() != null && d.getCode().isLeft() && Convert.SOURCE.equals(d.getSource()))
                    .forEach(d -> codes.add(d.getCode().getLeft()));
        }
        return CompletableFutures.computeAsync(requests, cancel -> {
            List<Either<org.eclipse.lsp4j.Command, org.eclipse.lsp4j.CodeAction>> out = new java.util.ArrayList<>();
            if (workspace.manifest(uri).isEmpty()) {
                return out;
            }
            boolean resolve = Capabilities.codeActionResolve(client);
            boolean snippets = Capabilities.snippetEdits(client) && Capabilities.documentChanges(client);
            if (wants(only, org.eclipse.lsp4j.CodeActionKind.QuickFix)) {
                for (LanguageService.Action a : service.codeActions(uri, Convert.range(params.getRange()), codes,
                        settings.get(), snippets)) {
                    cancel.checkCanceled();
                    org.eclipse.lsp4j.CodeAction action = new org.eclipse.lsp4j.CodeAction(a.fix().title());
                    action.setKind(org.eclipse.lsp4j.CodeActionKind.QuickFix);
                    action.setDiagnostics(List.of(Convert.diagnostic(a.diagnostic())));
                    action.setIsPreferred(a.fix().preferred() ? Boolean.TRUE : null);
                    if (resolve) {
                        com.google.gson.JsonObject data = new com.google.gson.JsonObject();
                        data.addProperty("uri", uri);
                        data.addProperty("code", a.diagnostic().code());
                        data.addProperty("line", a.diagnostic().range().start().line());
                        data.addProperty("character", a.diagnostic().range().start().character());
                        data.addProperty("title", a.fix().title());
                        action.setData(data);
                    } else {
                        action.setEdit(edit(a.fix()));
                    }
                    out.add(Either.forRight(action));
                }
            }
            if (wants(only, org.eclipse.lsp4j.CodeActionKind.SourceFixAll)) {
                List<dev.astrid.ls.service.Edit> all = service.fixAll(uri, settings.get());
                if (!all.isEmpty()) {
                    org.eclipse.lsp4j.CodeAction fixAll = new org.eclipse.lsp4j.CodeAction("Fix all safe Astrid problems");
                    fixAll.setKind(org.eclipse.lsp4j.CodeActionKind.SourceFixAll);
                    fixAll.setEdit(Edits.workspaceEdit(all, workspace, Capabilities.documentChanges(client), false));
                    out.add(Either.forRight(fixAll));
                }
            }
            return out;
        });
    }

    private static boolean wants(List<String> only, String kind) {
        return only == null || only.isEmpty() || only.stream().anyMatch(k -> kind.equals(k) || kind.startsWith(k + "."));
    }

    private org.eclipse.lsp4j.WorkspaceEdit edit(dev.astrid.ls.service.Fix fix) {
        return Edits.workspaceEdit(fix.edits(), workspace, Capabilities.documentChanges(client), fix.snippet());
    }

    /** Recomputes the fix named in the action's data and attaches its edit. */
    @Override
    public CompletableFuture<org.eclipse.lsp4j.CodeAction> resolveCodeAction(org.eclipse.lsp4j.CodeAction unresolved) {
        return CompletableFutures.computeAsync(requests, cancel -> {
            if (!(unresolved.getData() instanceof com.google.gson.JsonObject data) || !data.has("uri")) {
                return unresolved;
            }
            String uri = data.get("uri").getAsString();
            dev.astrid.ls.text.Position at = new dev.astrid.ls.text.Position(data.get("line").getAsInt(),
                    data.get("character").getAsInt());
            boolean snippets = Capabilities.snippetEdits(client) && Capabilities.documentChanges(client);
            service.codeActions(uri, new dev.astrid.ls.text.Range(at, at), java.util.Set.of(data.get("code").getAsString()),
                            settings.get(), snippets).stream()
                    .filter(a -> a.fix().title().equals(data.get("title").getAsString()))
                    .findFirst()
                    .ifPresent(a -> unresolved.setEdit(edit(a.fix())));
            return unresolved;
        });
    }

    @Override
    public CompletableFuture<List<Either<org.eclipse.lsp4j.SymbolInformation, org.eclipse.lsp4j.DocumentSymbol>>>
            documentSymbol(org.eclipse.lsp4j.DocumentSymbolParams params) {
        String uri = params.getTextDocument().getUri();
        return CompletableFutures.computeAsync(requests, cancel -> {
            TextDocument doc = workspace.openDocument(uri);
            if (doc == null) {
                return List.of();
            }
            return service.symbols(uri).stream()
                    .map(s -> Either.<org.eclipse.lsp4j.SymbolInformation, org.eclipse.lsp4j.DocumentSymbol>forRight(
                            Convert.symbol(s, doc))).toList();
        });
    }

    @Override
    public CompletableFuture<List<org.eclipse.lsp4j.FoldingRange>> foldingRange(
            org.eclipse.lsp4j.FoldingRangeRequestParams params) {
        String uri = params.getTextDocument().getUri();
        return CompletableFutures.computeAsync(requests, cancel -> service.folds(uri).stream().map(f -> {
            org.eclipse.lsp4j.FoldingRange r = new org.eclipse.lsp4j.FoldingRange(f.startLine(), f.endLine());
            if (f.comment()) {
                r.setKind(org.eclipse.lsp4j.FoldingRangeKind.Comment);
            }
            return r;
        }).toList());
    }

    @Override
    public CompletableFuture<List<org.eclipse.lsp4j.SelectionRange>> selectionRange(
            org.eclipse.lsp4j.SelectionRangeParams params) {
        String uri = params.getTextDocument().getUri();
        return CompletableFutures.computeAsync(requests, cancel -> {
            TextDocument doc = workspace.openDocument(uri);
            List<org.eclipse.lsp4j.SelectionRange> out = new java.util.ArrayList<>();
            for (org.eclipse.lsp4j.Position p : params.getPositions()) {
                org.eclipse.lsp4j.SelectionRange parent = null;
                List<int[]> chain = doc == null ? List.of() : service.selection(uri, doc.offsetAt(Convert.position(p)));
                for (int i = chain.size() - 1; i >= 0; i--) {
                    parent = new org.eclipse.lsp4j.SelectionRange(Convert.range(doc.rangeOf(chain.get(i)[0],
                            chain.get(i)[1])), parent);
                }
                out.add(parent != null ? parent : new org.eclipse.lsp4j.SelectionRange(new org.eclipse.lsp4j.Range(p, p), null));
            }
            return out;
        });
    }

    @Override
    public CompletableFuture<List<org.eclipse.lsp4j.InlayHint>> inlayHint(org.eclipse.lsp4j.InlayHintParams params) {
        String uri = params.getTextDocument().getUri();
        return CompletableFutures.computeAsync(requests, cancel -> {
            TextDocument doc = workspace.openDocument(uri);
            if (doc == null) {
                return List.of();
            }
            return service.inlayHints(uri, settings.get()).stream().map(h -> {
                org.eclipse.lsp4j.InlayHint hint = new org.eclipse.lsp4j.InlayHint(
                        Convert.position(doc.positionAt(h.offset())), Either.forLeft(h.label()));
                hint.setTooltip(h.tooltip());
                hint.setPaddingLeft(true);
                return hint;
            }).toList();
        });
    }

    /** Equal diagnostics give equal ids, so "unchanged" is exact. */
    static String resultId(List<Diagnostic> diagnostics) {
        return Integer.toHexString(diagnostics.hashCode()) + "-" + diagnostics.size();
    }
}
