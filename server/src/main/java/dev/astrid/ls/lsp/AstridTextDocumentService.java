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
    private volatile boolean snippetSupport;

    AstridTextDocumentService(LanguageService service, ExecutorService requests, Diagnostics diagnostics) {
        this.service = service;
        this.workspace = service.workspace();
        this.requests = requests;
        this.diagnostics = diagnostics;
    }

    void setSnippetSupport(boolean snippetSupport) {
        this.snippetSupport = snippetSupport;
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

    /** Equal diagnostics give equal ids, so "unchanged" is exact. */
    static String resultId(List<Diagnostic> diagnostics) {
        return Integer.toHexString(diagnostics.hashCode()) + "-" + diagnostics.size();
    }
}
