package dev.astrid.ls.lsp;

import dev.astrid.ls.model.ManifestKind;
import dev.astrid.ls.service.LanguageService;
import dev.astrid.ls.service.UpdateService;
import dev.astrid.ls.workspace.Workspace;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.eclipse.lsp4j.ClientCapabilities;
import org.eclipse.lsp4j.services.LanguageClient;

/**
 * Reads the update bases of the packs being edited from git, off the typing path: on one
 * thread of its own, when a manifest of a pack is opened, when the base setting changes, and
 * every 5 seconds for the packs with an open manifest (so a commit or a checkout made outside
 * the editor shows). A code lens on a pack never read reads it on its request thread. Nothing
 * here runs on the JSON-RPC reader thread or for a keystroke; when what is in memory changes,
 * the pack's diagnostics are recomputed and the client is asked to redraw its lenses.
 */
final class UpdateBases {
    static final long RECHECK_SECONDS = 5;

    private final LanguageService service;
    private final Workspace workspace;
    private final ScheduledExecutorService git;
    private final Diagnostics diagnostics;
    private final Supplier<LanguageClient> client;
    private volatile ClientCapabilities capabilities = new ClientCapabilities();

    UpdateBases(LanguageService service, ScheduledExecutorService git, Diagnostics diagnostics,
                Supplier<LanguageClient> client) {
        this.service = service;
        this.workspace = service.workspace();
        this.git = git;
        this.diagnostics = diagnostics;
        this.client = client;
    }

    void start(ClientCapabilities capabilities) {
        this.capabilities = capabilities;
        git.scheduleWithFixedDelay(this::openPacks, RECHECK_SECONDS, RECHECK_SECONDS, TimeUnit.SECONDS);
    }

    /** A document was opened: its pack's base is read soon, on the git thread. */
    void opened(String uri) {
        if (ManifestKind.of(uri).isPresent()) {
            submit(() -> workspace.packRootOf(uri).ifPresent(this::read));
        }
    }

    /** The base revision changed: every pack being edited is read again. */
    void baseChanged() {
        submit(this::openPacks);
    }

    private void submit(Runnable task) {
        try {
            git.execute(task);
        } catch (RejectedExecutionException e) {
            // the server is exiting
        }
    }

    /** For a code lens: a pack never read is read now, on the calling (request) thread. */
    void ensure(Path packRoot) {
        if (service.updates().cached(packRoot).isEmpty()) {
            read(packRoot);
        }
    }

    private void openPacks() {
        Set<Path> roots = new TreeSet<>();
        for (String uri : workspace.openUris()) {
            if (ManifestKind.of(uri).isPresent()) {
                workspace.packRootOf(uri).ifPresent(roots::add);
            }
        }
        roots.forEach(this::read);
    }

    private void read(Path packRoot) {
        UpdateService.Change change;
        try {
            change = service.updates().load(packRoot);
        } catch (RuntimeException e) {
            // a bug must not stop the timer; the pack keeps its last base
            System.err.println("astrid-pack-ls: reading the update base of " + packRoot + " failed: " + e);
            return;
        }
        LanguageClient c = client.get();
        if (change == UpdateService.Change.DIAGNOSTICS) {
            workspace.packManifestIn(packRoot).ifPresent(manifest -> diagnostics.changed(Workspace.uri(manifest), 0));
            if (c != null && diagnostics.isPull() && Capabilities.diagnosticRefresh(capabilities)) {
                c.refreshDiagnostics();
            }
        }
        if (change != UpdateService.Change.NONE && c != null && Capabilities.codeLensRefresh(capabilities)) {
            c.refreshCodeLenses();
        }
    }
}
