package dev.astrid.ls.lsp;

import dev.astrid.ls.workspace.Workspace;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
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
 * own thread (requests on open documents never wait for it), reporting work-done progress.
 */
final class WorkspaceScan {
    private final Workspace workspace;
    private final Diagnostics diagnostics;
    private volatile List<String> manifests = List.of();
    private volatile boolean done;

    WorkspaceScan(Workspace workspace, Diagnostics diagnostics) {
        this.workspace = workspace;
        this.diagnostics = diagnostics;
    }

    /** The manifests found by the last scan. */
    List<String> manifests() {
        return manifests;
    }

    boolean isDone() {
        return done;
    }

    void start(LanguageClient client, boolean progress) {
        Thread t = new Thread(() -> run(client, progress), "astrid-scan");
        t.setDaemon(true);
        t.start();
    }

    private void run(LanguageClient client, boolean progress) {
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
        for (Path root : workspace.roots()) {
            workspace.walk(root, p -> found.add(Workspace.uri(p)), false);
        }
        manifests = List.copyOf(found);
        Set<Path> packs = new HashSet<>();
        int lastPercent = 0;
        for (int i = 0; i < found.size(); i++) {
            String uri = found.get(i);
            workspace.packRootOf(uri).ifPresent(packs::add);
            if (workspace.openDocument(uri) == null && !diagnostics.isPull()) {
                diagnostics.publishFromDisk(uri, diagnostics.compute(uri));
            }
            int percent = (int) ((i + 1) * 100L / found.size());
            if (reporting && percent >= lastPercent + 5) {
                lastPercent = percent;
                WorkDoneProgressReport report = new WorkDoneProgressReport();
                report.setPercentage(percent);
                report.setMessage((i + 1) + "/" + found.size() + " manifests");
                notify(client, token, report);
            }
        }
        done = true;
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        if (reporting) {
            WorkDoneProgressEnd end = new WorkDoneProgressEnd();
            end.setMessage(found.size() + " manifests in " + packs.size() + " packs checked in " + ms + " ms");
            notify(client, token, end);
        }
        System.err.println("astrid-pack-ls: scanned " + found.size() + " manifests in " + packs.size() + " packs in "
                + ms + " ms");
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
