package dev.astrid.ls.lsp;

import dev.astrid.ls.core.CancelChecker;
import dev.astrid.ls.core.Settings;
import dev.astrid.ls.model.ManifestKind;
import dev.astrid.ls.model.Strings;
import dev.astrid.ls.service.LanguageService;
import dev.astrid.ls.workspace.Workspace;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableSet;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.eclipse.lsp4j.ProgressParams;
import org.eclipse.lsp4j.WorkDoneProgressBegin;
import org.eclipse.lsp4j.WorkDoneProgressCreateParams;
import org.eclipse.lsp4j.WorkDoneProgressEnd;
import org.eclipse.lsp4j.WorkDoneProgressNotification;
import org.eclipse.lsp4j.WorkDoneProgressReport;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.eclipse.lsp4j.services.LanguageClient;

/**
 * Finds every manifest under the workspace folders and checks the ones that are not open, on its
 * own thread (requests on open documents never wait for it), reporting work-done progress. Packs
 * are read once each however many manifests they hold, and nothing is kept per manifest but its
 * URI, so the scan's memory does not grow with the workspace beyond that.
 */
final class WorkspaceScan {
    private final Workspace workspace;
    private final LanguageService service;
    private final Diagnostics diagnostics;
    private final Supplier<Settings> settings;
    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "astrid-scan");
        t.setDaemon(true);
        return t;
    });
    /** The manifests found, for workspace pull diagnostics (push clients keep what was published instead). */
    private final NavigableSet<String> manifests = new ConcurrentSkipListSet<>();
    private volatile boolean done;

    WorkspaceScan(LanguageService service, Diagnostics diagnostics, Supplier<Settings> settings) {
        this.workspace = service.workspace();
        this.service = service;
        this.diagnostics = diagnostics;
        this.settings = settings;
    }

    /** The manifests found by the scans, for pull clients. */
    List<String> manifests() {
        return List.copyOf(manifests);
    }

    /** True once the first scan has ended: from then on manifests that are not open show diagnostics. */
    boolean isDone() {
        return done;
    }

    /** Scans these roots, after any scan already asked for. */
    void start(LanguageClient client, boolean progress, List<Path> roots) {
        thread.execute(() -> {
            try {
                run(client, progress, roots);
            } catch (RuntimeException | OutOfMemoryError e) {
                System.err.println("astrid-pack-ls: the workspace scan failed: " + e);
            } finally {
                done = true;
            }
        });
    }

    /** A root left the workspace: what was found under it is forgotten. */
    void removed(Path root) {
        String prefix = Workspace.folderUri(root);
        manifests.subSet(prefix, prefix + Character.MAX_VALUE).clear();
    }

    /**
     * A watched file or folder was created, changed or deleted: pull clients' list of manifests
     * follows it, on the scan thread, after the scan (a {@code .no-pack} marker re-reads its
     * folder). Push clients keep nothing here.
     */
    void fileChanged(Path path) {
        if (!diagnostics.isPull()) {
            return;
        }
        Path p = path.getFileName() != null && path.getFileName().toString().equals(".no-pack") ? path.getParent() : path;
        thread.execute(() -> {
            manifests.remove(Workspace.uri(p));
            removed(p);
            if (!workspace.walked(p)) {
                return;
            }
            if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                workspace.walk(p, f -> manifests.add(Workspace.uri(f)), false, problem -> { });
            } else if (ManifestKind.of(p.toString()).isPresent() && Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
                manifests.add(Workspace.uri(p));
            }
        });
    }

    private void run(LanguageClient client, boolean progress, List<Path> roots) {
        String token = "astrid-scan-" + System.nanoTime();
        boolean reporting = progress && create(client, token);
        long started = System.nanoTime();
        if (reporting) {
            WorkDoneProgressBegin begin = new WorkDoneProgressBegin();
            begin.setTitle("Astrid: scanning packs");
            begin.setCancellable(false);
            begin.setPercentage(0);
            notify(client, token, begin);
        }
        List<String> found = new ArrayList<>();
        for (Path root : roots) {
            workspace.walk(root, p -> found.add(Workspace.uri(p)), false,
                    problem -> System.err.println("astrid-pack-ls: not checked: " + Strings.printable(problem)));
        }
        long packs = found.stream().filter(u -> ManifestKind.of(u).orElse(null) == ManifestKind.PACK).count();
        if (diagnostics.isPull()) {
            manifests.addAll(found);
        } else {
            int[] checked = {0};
            int[] lastPercent = {0};
            service.diagnoseAll(found.stream().filter(u -> workspace.openDocument(u) == null).toList(), settings.get(),
                    CancelChecker.NEVER, (uri, ds) -> {
                        diagnostics.publishFromDisk(uri, ds);
                        int percent = (int) (++checked[0] * 100L / found.size());
                        if (reporting && percent >= lastPercent[0] + 5) {
                            lastPercent[0] = percent;
                            WorkDoneProgressReport report = new WorkDoneProgressReport();
                            report.setPercentage(percent);
                            report.setMessage(checked[0] + "/" + found.size() + " manifests");
                            notify(client, token, report);
                        }
                    });
        }
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        if (reporting) {
            WorkDoneProgressEnd end = new WorkDoneProgressEnd();
            end.setMessage(found.size() + " manifests in " + packs + " packs checked in " + ms + " ms");
            notify(client, token, end);
        }
        System.err.println("astrid-pack-ls: scanned " + found.size() + " manifests in " + packs + " packs in " + ms
                + " ms");
    }

    private static boolean create(LanguageClient client, String token) {
        try {
            client.createProgress(new WorkDoneProgressCreateParams(Either.forLeft(token))).get(10, TimeUnit.SECONDS);
            return true;
        } catch (Exception e) {
            return false; // the client refused or did not answer: scan without progress
        }
    }

    private static void notify(LanguageClient client, String token, Object value) {
        client.notifyProgress(new ProgressParams(Either.forLeft(token),
                Either.forLeft((WorkDoneProgressNotification) value)));
    }
}
