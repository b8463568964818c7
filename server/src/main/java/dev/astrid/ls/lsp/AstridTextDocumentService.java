package dev.astrid.ls.lsp;

import dev.astrid.ls.model.Manifest;
import dev.astrid.ls.rules.Diagnostic;
import dev.astrid.ls.service.LanguageService;
import dev.astrid.ls.service.Settings;
import dev.astrid.ls.text.TextDocument;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.eclipse.lsp4j.CompletionItem;
import org.eclipse.lsp4j.CompletionList;
import org.eclipse.lsp4j.CompletionParams;
import org.eclipse.lsp4j.DidChangeTextDocumentParams;
import org.eclipse.lsp4j.DidCloseTextDocumentParams;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.DidSaveTextDocumentParams;
import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.eclipse.lsp4j.jsonrpc.CompletableFutures;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.eclipse.lsp4j.services.LanguageClient;
import org.eclipse.lsp4j.services.TextDocumentService;

/**
 * Document sync, debounced validation and the per-document requests. Notifications arrive in
 * order on one thread and only update snapshots; validation runs on its own thread after a short
 * quiet period, and a run whose version is no longer current is dropped.
 */
final class AstridTextDocumentService implements TextDocumentService {
    /** Checks take milliseconds; wait just long enough to coalesce a burst of keystrokes. */
    static final long DEBOUNCE_MS = 25;

    private final LanguageService service;
    private final Documents documents;
    private final ExecutorService requests;
    private final ScheduledExecutorService validation;
    private final Supplier<Settings> settings;
    private final Map<String, ScheduledFuture<?>> pending = new ConcurrentHashMap<>();
    private volatile LanguageClient client;
    private volatile boolean snippetSupport;

    AstridTextDocumentService(LanguageService service, ExecutorService requests, ScheduledExecutorService validation,
                              Supplier<Settings> settings) {
        this.service = service;
        this.documents = new Documents(service);
        this.requests = requests;
        this.validation = validation;
        this.settings = settings;
    }

    void connect(LanguageClient client) {
        this.client = client;
    }

    void setSnippetSupport(boolean snippetSupport) {
        this.snippetSupport = snippetSupport;
    }

    void shutdown() {
        pending.values().forEach(f -> f.cancel(false));
        pending.clear();
    }

    @Override
    public void didOpen(DidOpenTextDocumentParams params) {
        var item = params.getTextDocument();
        documents.put(new TextDocument(item.getUri(), item.getVersion(), item.getText()));
        schedule(item.getUri(), 0);
    }

    @Override
    public void didChange(DidChangeTextDocumentParams params) {
        String uri = params.getTextDocument().getUri();
        TextDocument doc = documents.get(uri);
        if (doc == null) {
            return; // a change to a document that was never opened: nothing to apply it to
        }
        int version = params.getTextDocument().getVersion() == null ? doc.version() + 1
                : params.getTextDocument().getVersion();
        for (TextDocumentContentChangeEvent change : params.getContentChanges()) {
            doc = doc.apply(Convert.range(change.getRange()), change.getText(), version);
        }
        documents.put(doc);
        schedule(uri, DEBOUNCE_MS);
    }

    @Override
    public void didClose(DidCloseTextDocumentParams params) {
        String uri = params.getTextDocument().getUri();
        documents.remove(uri);
        ScheduledFuture<?> f = pending.remove(uri);
        if (f != null) {
            f.cancel(false);
        }
        publish(uri, null, List.of());
    }

    @Override
    public void didSave(DidSaveTextDocumentParams params) {
        // the open buffer is the truth; saving changes nothing here
    }

    private void schedule(String uri, long delayMs) {
        ScheduledFuture<?> next = validation.schedule(() -> validate(uri), delayMs, TimeUnit.MILLISECONDS);
        ScheduledFuture<?> previous = pending.put(uri, next);
        if (previous != null) {
            previous.cancel(false);
        }
    }

    private void validate(String uri) {
        TextDocument doc = documents.get(uri);
        if (doc == null) {
            return;
        }
        Manifest manifest = documents.manifest(uri).orElse(null);
        if (manifest == null) {
            return; // not a manifest: other YAML files get no diagnostics at all
        }
        List<Diagnostic> diagnostics;
        try {
            diagnostics = service.diagnose(manifest, settings.get(), () -> {
                if (documents.get(uri) != doc) {
                    throw new java.util.concurrent.CancellationException("stale");
                }
            });
        } catch (java.util.concurrent.CancellationException e) {
            return; // a newer version is already scheduled
        }
        if (documents.get(uri) == doc) {
            publish(uri, doc.version(), diagnostics);
        }
    }

    private void publish(String uri, Integer version, List<Diagnostic> diagnostics) {
        LanguageClient c = client;
        if (c != null) {
            PublishDiagnosticsParams p = new PublishDiagnosticsParams(uri,
                    diagnostics.stream().map(Convert::diagnostic).toList());
            p.setVersion(version);
            c.publishDiagnostics(p);
        }
    }

    @Override
    public CompletableFuture<Hover> hover(HoverParams params) {
        String uri = params.getTextDocument().getUri();
        return CompletableFutures.computeAsync(requests, cancel -> {
            TextDocument doc = documents.get(uri);
            Manifest m = documents.manifest(uri).orElse(null);
            if (doc == null || m == null) {
                return null;
            }
            cancel.checkCanceled();
            int offset = doc.offsetAt(Convert.position(params.getPosition()));
            return service.hover(m, offset).map(h -> Convert.hover(h, doc)).orElse(null);
        });
    }

    @Override
    public CompletableFuture<Either<List<CompletionItem>, CompletionList>> completion(CompletionParams params) {
        String uri = params.getTextDocument().getUri();
        return CompletableFutures.computeAsync(requests, cancel -> {
            TextDocument doc = documents.get(uri);
            Manifest m = documents.manifest(uri).orElse(null);
            if (doc == null || m == null) {
                return Either.forRight(new CompletionList(false, List.of()));
            }
            cancel.checkCanceled();
            int offset = doc.offsetAt(Convert.position(params.getPosition()));
            List<CompletionItem> items = Convert.completions(service.complete(m, offset), doc);
            if (!snippetSupport) {
                items.forEach(i -> {
                    if (i.getInsertTextFormat() == org.eclipse.lsp4j.InsertTextFormat.Snippet) {
                        i.setInsertTextFormat(org.eclipse.lsp4j.InsertTextFormat.PlainText);
                        i.getTextEdit().getLeft().setNewText(Snippets.toPlainText(i.getTextEdit().getLeft().getNewText()));
                    }
                });
            }
            return Either.forRight(new CompletionList(false, items));
        });
    }
}
