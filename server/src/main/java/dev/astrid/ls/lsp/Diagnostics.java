package dev.astrid.ls.lsp;

import dev.astrid.ls.core.CancelChecker;
import dev.astrid.ls.core.Diagnostic;
import dev.astrid.ls.core.Settings;
import dev.astrid.ls.service.LanguageService;
import dev.astrid.ls.text.TextDocument;
import dev.astrid.ls.workspace.Workspace;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.services.LanguageClient;

/**
 * When and where diagnostics go. Validation runs on one thread after a short quiet period; a run
 * whose document changed meanwhile is dropped. In push mode results are published (with the
 * document version for open buffers); in pull mode the client asks, and is told to ask again
 * when a change in one manifest affects another.
 */
final class Diagnostics {
    /** Checks take milliseconds; wait just long enough to coalesce a burst of keystrokes. */
    static final long DEBOUNCE_MS = 25;

    private final LanguageService service;
    private final Workspace workspace;
    private final ScheduledExecutorService executor;
    private final Supplier<Settings> settings;
    private final Map<String, ScheduledFuture<?>> pending = new ConcurrentHashMap<>();
    /** Files not open whose diagnostics were published, so a later change can clear them. */
    private final Set<String> publishedFromDisk = ConcurrentHashMap.newKeySet();
    private volatile LanguageClient client;
    private volatile boolean pull;
    private volatile boolean refreshSupport;
    /** Whether a manifest that is not open gets diagnostics (it is part of a scanned workspace). */
    private volatile Predicate<String> reportClosed = uri -> false;

    Diagnostics(LanguageService service, ScheduledExecutorService executor, Supplier<Settings> settings) {
        this.service = service;
        this.workspace = service.workspace();
        this.executor = executor;
        this.settings = settings;
    }

    void connect(LanguageClient client) {
        this.client = client;
    }

    void usePull(boolean pull, boolean refreshSupport) {
        this.pull = pull;
        this.refreshSupport = refreshSupport;
    }

    boolean isPull() {
        return pull;
    }

    void reportClosedWhen(Predicate<String> reportClosed) {
        this.reportClosed = reportClosed;
    }

    /** Diagnostics for a manifest now (open buffer or disk), on the calling thread. */
    List<Diagnostic> compute(String uri) {
        return service.diagnose(uri, settings.get(), CancelChecker.NEVER);
    }

    /**
     * Re-checks a manifest and the other manifests of its pack that show diagnostics: the open
     * ones, and in a scanned workspace the ones on disk; no other pack's.
     */
    void changed(String uri, long delayMs) {
        schedule(uri, delayMs);
        Path root = workspace.packRootOf(uri).orElse(null);
        if (root == null) {
            return;
        }
        boolean others = false;
        for (String other : shown()) {
            if (!other.equals(uri) && root.equals(workspace.packRootOf(other).orElse(null))) {
                schedule(other, delayMs);
                others = true;
            }
        }
        if (others && pull && refreshSupport && client != null) {
            client.refreshDiagnostics();
        }
    }

    void schedule(String uri, long delayMs) {
        if (pull) {
            return;
        }
        ScheduledFuture<?> next = executor.schedule(() -> validate(uri), delayMs, TimeUnit.MILLISECONDS);
        ScheduledFuture<?> previous = pending.put(uri, next);
        if (previous != null) {
            previous.cancel(false);
        }
    }

    /** Everything shown is recomputed (settings changed); pull clients are asked to pull again. */
    void recheckAll() {
        shown().forEach(uri -> schedule(uri, 0));
        if (pull && refreshSupport && client != null) {
            client.refreshDiagnostics();
        }
    }

    /** The manifests whose diagnostics the user sees: open ones, and those published from disk. */
    private Set<String> shown() {
        Set<String> shown = new java.util.HashSet<>(workspace.openUris());
        shown.addAll(publishedFromDisk);
        return shown;
    }

    void cancel(String uri) {
        ScheduledFuture<?> f = pending.remove(uri);
        if (f != null) {
            f.cancel(false);
        }
    }

    void cancelAll() {
        pending.values().forEach(f -> f.cancel(false));
        pending.clear();
    }

    private void validate(String uri) {
        TextDocument doc = workspace.openDocument(uri);
        if (doc == null && !reportClosed.test(uri)) {
            if (publishedFromDisk.remove(uri)) {
                publish(uri, null, List.of());
            }
            return;
        }
        if (workspace.manifest(uri).isEmpty()) {
            if (publishedFromDisk.remove(uri)) {
                publish(uri, null, List.of()); // deleted, or no longer a manifest
            }
            return; // not a manifest: other YAML files get no diagnostics at all
        }
        List<Diagnostic> diagnostics;
        try {
            diagnostics = service.diagnose(uri, settings.get(), () -> {
                if (workspace.openDocument(uri) != doc) {
                    throw new CancellationException("stale");
                }
            });
        } catch (CancellationException e) {
            return; // a newer version is already scheduled
        }
        if (workspace.openDocument(uri) != doc) {
            return;
        }
        if (doc == null) {
            publishedFromDisk.add(uri);
        }
        publish(uri, doc == null ? null : doc.version(), diagnostics);
    }

    /** Diagnostics of a file that is not open, published right away (workspace scan). */
    void publishFromDisk(String uri, List<Diagnostic> diagnostics) {
        if (!pull && workspace.openDocument(uri) == null) {
            publishedFromDisk.add(uri);
            publish(uri, null, diagnostics);
        }
    }

    /** A document was closed: its file on disk counts again, or, outside a scanned workspace, nothing. */
    void closed(String uri) {
        cancel(uri);
        if (!reportClosed.test(uri) && !pull) {
            publish(uri, null, List.of());
        }
        changed(uri, 0);
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
}
