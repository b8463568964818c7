package dev.astrid.ls.lsp;

import dev.astrid.ls.core.Diagnostic;
import dev.astrid.ls.core.Settings;
import dev.astrid.ls.model.ManifestKind;
import dev.astrid.ls.model.Strings;
import dev.astrid.ls.service.LanguageService;
import dev.astrid.ls.text.TextDocument;
import dev.astrid.ls.workspace.Workspace;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.services.LanguageClient;

/**
 * When and where diagnostics go. Validation runs on a small pool after a short quiet period, at
 * most one run per document at a time (so one slow file holds one thread, never all of them); a
 * run whose document changed or closed meanwhile stops at its next check and is not published. In
 * push mode results are published (with the document version for open buffers); in pull mode the
 * client asks, and is told to ask again when a change in one manifest affects another. Work on the
 * JSON-RPC thread is a map update: finding the pack mates to re-check runs on the pool.
 */
final class Diagnostics {
    /**
     * Checks take milliseconds; keystrokes that come while one is waiting or running are coalesced
     * by waiting this long after each. A change when nothing is under way is checked at once:
     * nothing is saved by waiting.
     */
    static final long DEBOUNCE_MS = 25;

    private final LanguageService service;
    private final Workspace workspace;
    private final ScheduledExecutorService executor;
    private final Supplier<Settings> settings;
    private final Map<String, ScheduledFuture<?>> pending = new ConcurrentHashMap<>();
    /** Documents being validated, each with whether another run was asked for meanwhile; guarded by itself. */
    private final Map<String, Boolean> running = new HashMap<>();
    /** Files not open whose diagnostics were published, so a later change can clear them; sorted, for folders. */
    private final NavigableSet<String> publishedFromDisk = new ConcurrentSkipListSet<>();
    private final CompletableFuture<Void> firstChecked = new CompletableFuture<>();
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

    /**
     * Re-checks a manifest, and then, off the calling thread, the other manifests of its pack that
     * show diagnostics (open ones, and in a scanned workspace the ones on disk); no other pack's.
     * The cost is the pack's size, not the workspace's. For a pack's Python file only the pack's
     * manifests are checked: their disclosure findings read it.
     */
    void changed(String uri, long delayMs) {
        if (ManifestKind.of(uri).isPresent()) {
            schedule(uri, delayMs);
        }
        execute(() -> guarded(uri, () -> packMates(uri, delayMs)));
    }

    private void packMates(String uri, long delayMs) {
        Path root = workspace.packRootOf(uri).orElse(null);
        if (root == null) {
            return;
        }
        boolean others = false;
        for (String other : workspace.memberUris(root)) {
            if (!other.equals(uri) && shown(other)) {
                schedule(other, delayMs);
                others = true;
            }
        }
        if (others && pull && refreshSupport && client != null) {
            client.refreshDiagnostics();
        }
    }

    /**
     * Something changed on disk at or under a folder (created, deleted, renamed, a {@code .no-pack}
     * marker came or went, a workspace folder was added or removed): every manifest beneath it
     * that shows diagnostics is checked again, cleared when it is gone or no longer part of the
     * workspace, and manifests that now are part of it are checked; so is the pack around it.
     */
    void folderChanged(Path dir) {
        execute(() -> guarded(Workspace.uri(dir), () -> {
            Set<String> affected = new HashSet<>();
            String prefix = Workspace.folderUri(dir);
            synchronized (this) { // a publication under way either lands in this set or sees the folder gone
                affected.addAll(publishedFromDisk.subSet(prefix, prefix + Character.MAX_VALUE));
            }
            workspace.openUris().stream().filter(u -> u.startsWith(prefix)).forEach(affected::add);
            if (Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS) && reportClosed.test(Workspace.uri(dir))) {
                workspace.walk(dir, p -> affected.add(Workspace.uri(p)), false, Diagnostics::log);
            }
            affected.forEach(u -> schedule(u, DEBOUNCE_MS));
            workspace.enclosingPack(dir).ifPresent(root -> workspace.memberUris(root).stream().filter(this::shown)
                    .forEach(u -> schedule(u, DEBOUNCE_MS)));
            if (pull && refreshSupport && client != null) {
                client.refreshDiagnostics();
            }
        }));
    }

    /** Work for the pool; after shutdown there is none (nothing more is published). */
    private void execute(Runnable work) {
        try {
            executor.execute(work);
        } catch (RejectedExecutionException e) {
            // shutting down
        }
    }

    private boolean shown(String uri) {
        return workspace.openDocument(uri) != null || publishedFromDisk.contains(uri);
    }

    void schedule(String uri, long delayMs) {
        if (pull) {
            return;
        }
        // Atomic per document, so that a run asked for earlier (from another thread) never cancels one
        // asked for later: the pending run is always the newest.
        pending.compute(uri, (k, previous) -> {
            boolean waiting = previous != null && !previous.isDone();
            if (previous != null) {
                previous.cancel(false);
            }
            long delay = waiting || rerunAsked(uri) != null ? delayMs : 0; // rerunAsked: running
            try {
                return executor.schedule(() -> run(uri), delay, TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException e) {
                return null; // shutting down: nothing more is published
            }
        });
    }

    /** Everything shown is recomputed (settings changed); pull clients are asked to pull again. */
    void recheckAll() {
        List<String> shown = new ArrayList<>(workspace.openUris());
        shown.addAll(publishedFromDisk);
        shown.forEach(uri -> schedule(uri, 0));
        if (pull && refreshSupport && client != null) {
            client.refreshDiagnostics();
        }
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

    /** One validation per document at a time: a request for another run while one is going queues exactly one more. */
    private void run(String uri) {
        synchronized (running) {
            if (running.containsKey(uri)) {
                running.put(uri, true);
                return;
            }
            running.put(uri, false);
        }
        try {
            guarded(uri, () -> validate(uri));
        } finally {
            boolean again;
            synchronized (running) {
                again = running.remove(uri);
            }
            if (again) {
                schedule(uri, 0);
            }
        }
    }

    /** Work on the pool never dies silently: what fails is logged (the check itself reports its own faults). */
    private static void guarded(String what, Runnable work) {
        try {
            work.run();
        } catch (CancellationException e) {
            // stale: a newer run follows
        } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
            log("diagnostics for " + what + " failed: " + e);
        }
    }

    private static void log(String message) {
        System.err.println("astrid-pack-ls: " + Strings.printable(message));
    }

    private void validate(String uri) {
        if (ManifestKind.of(uri).isEmpty()) {
            return; // other YAML files get no diagnostics at all
        }
        TextDocument doc = workspace.openDocument(uri);
        if (doc == null && !reportClosed.test(uri)) {
            clear(uri); // closed outside the workspace, or in a folder the workspace no longer covers
            return;
        }
        // the service reports what it could not read or check; it does not throw
        List<Diagnostic> diagnostics = service.diagnose(uri, settings.get(), () -> {
            if (workspace.openDocument(uri) != doc || Boolean.TRUE.equals(rerunAsked(uri))) {
                throw new CancellationException("stale");
            }
        });
        Path p = Workspace.path(uri);
        if (doc == null && diagnostics.isEmpty() && (p == null || !Files.exists(p, LinkOption.NOFOLLOW_LINKS))) {
            clear(uri); // deleted
            return;
        }
        publishIfCurrent(uri, doc, diagnostics);
    }

    private Boolean rerunAsked(String uri) {
        synchronized (running) {
            return running.get(uri);
        }
    }

    /**
     * Publishes unless the document changed meanwhile; under a lock, so that a run that checked
     * it was current cannot publish after a newer run did.
     */
    private void publishIfCurrent(String uri, TextDocument doc, List<Diagnostic> diagnostics) {
        synchronized (this) {
            if (workspace.openDocument(uri) != doc) {
                return;
            }
            if (doc == null) {
                Path p = Workspace.path(uri);
                if (p == null || !workspace.walked(p)) {
                    return; // its folder left the workspace while it was checked, and folderChanged cleared it
                }
                publishedFromDisk.add(uri);
            }
            publish(uri, doc == null ? null : doc.version(), diagnostics);
        }
    }

    /** Diagnostics of a file that is not open, published right away (workspace scan). */
    void publishFromDisk(String uri, List<Diagnostic> diagnostics) {
        if (!pull) {
            publishIfCurrent(uri, null, diagnostics);
        }
    }

    private void clear(String uri) {
        synchronized (this) {
            if (publishedFromDisk.remove(uri)) {
                publish(uri, null, List.of());
            }
        }
    }

    /**
     * A document was closed: its file on disk counts again, or, outside a scanned workspace, nothing.
     * Its pack is checked again either way (a pack's Python is read from disk once its buffer closes).
     */
    void closed(String uri) {
        cancel(uri);
        if (!reportClosed.test(uri) && !pull && ManifestKind.of(uri).isPresent()) {
            synchronized (this) {
                publish(uri, null, List.of());
            }
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
            firstChecked.complete(null);
        }
    }

    /** Done once the first diagnostics went out, pushed or pulled. */
    CompletableFuture<Void> firstChecked() {
        return firstChecked.copy();
    }

    /** A pull client was answered. */
    void pulled() {
        firstChecked.complete(null);
    }
}
