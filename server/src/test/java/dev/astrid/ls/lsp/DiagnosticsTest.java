package dev.astrid.ls.lsp;

import static dev.astrid.ls.ManifestAssert.PACK_HEAD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.after;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.timeout;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.spy;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.astrid.ls.core.Settings;
import dev.astrid.ls.rules.PermissionShapeRule;
import dev.astrid.ls.service.LanguageService;
import dev.astrid.ls.text.TextDocument;
import dev.astrid.ls.workspace.Workspace;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.services.LanguageClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mockito.ArgumentCaptor;

/** When and where diagnostics go, against a client double that records what it is sent. */
class DiagnosticsTest {
    static final String PACK = "file:///w/demo/pack.yaml";
    static final String EXECUTOR = "file:///w/demo/executors/x/executor.yaml";

    final LanguageClient client = mock(LanguageClient.class);
    final Workspace workspace = new Workspace();
    final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();
    final Diagnostics diagnostics = new Diagnostics(new LanguageService(workspace), executor, () -> Settings.DEFAULTS);

    DiagnosticsTest() {
        diagnostics.connect(client);
    }

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    PublishDiagnosticsParams published() {
        ArgumentCaptor<PublishDiagnosticsParams> p = ArgumentCaptor.forClass(PublishDiagnosticsParams.class);
        verify(client, timeout(5000)).publishDiagnostics(p.capture());
        return p.getValue();
    }

    @Test
    void anOpenDocumentIsPublishedWithItsVersion() {
        workspace.open(new TextDocument(PACK, 3, PACK_HEAD + "permissions:\n  - id: gpu\n    reason: Runs CUDA\n"));
        diagnostics.changed(PACK, 0);
        PublishDiagnosticsParams p = published();
        assertEquals(PACK, p.getUri());
        assertEquals(3, p.getVersion());
        assertEquals(List.of(PermissionShapeRule.UNKNOWN_ID.id()), p.getDiagnostics().stream()
                .map(d -> d.getCode().getLeft()).toList());
    }

    @Test
    void aChangeWhenNothingIsUnderWayIsCheckedAtOnceHoweverSoonAfterTheLast() {
        long aMinute = 60_000;
        workspace.open(new TextDocument(PACK, 1, PACK_HEAD));
        diagnostics.changed(PACK, aMinute);
        assertEquals(1, published().getVersion());
        workspace.open(new TextDocument(PACK, 2, PACK_HEAD + "x: 1\n"));
        diagnostics.changed(PACK, aMinute);
        verify(client, timeout(5000).times(2)).publishDiagnostics(any());
    }

    @Test
    void aChangeWhileACheckIsRunningWaitsForTheBurstToEnd() throws InterruptedException {
        long aMinute = 60_000;
        CountDownLatch publishing = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        doAnswer(call -> {
            publishing.countDown();
            release.await();
            return null;
        }).when(client).publishDiagnostics(any());
        workspace.open(new TextDocument(PACK, 1, PACK_HEAD));
        diagnostics.changed(PACK, aMinute);
        assertTrue(publishing.await(5, TimeUnit.SECONDS)); // the first check is running (publishing)
        workspace.open(new TextDocument(PACK, 2, PACK_HEAD + "x: 1\n"));
        diagnostics.changed(PACK, aMinute);
        release.countDown();
        verify(client, after(500).times(1)).publishDiagnostics(any());
    }

    @Test
    void aChangeAfterShutDownIsDroppedWithoutAnError() {
        executor.shutdown();
        workspace.open(new TextDocument(PACK, 1, PACK_HEAD));
        diagnostics.changed(PACK, 0);
        verify(client, after(200).never()).publishDiagnostics(any());
    }

    /** A scan that was checking a folder as it left the workspace publishes nothing there afterwards. */
    @Test
    void aScanPublishesNothingUnderAFolderThatLeftTheWorkspace(@TempDir Path tmp) {
        String uri = Workspace.uri(tmp.resolve("demo/pack.yaml"));
        workspace.addRoot(tmp);
        diagnostics.publishFromDisk(uri, List.of());
        verify(client, timeout(5000)).publishDiagnostics(any());
        workspace.removeRoot(tmp);
        diagnostics.publishFromDisk(uri, List.of());
        verify(client, after(200).times(1)).publishDiagnostics(any());
    }

    @Test
    void closingADocumentOutsideAWorkspaceClearsWhatItShowed() {
        workspace.open(new TextDocument(PACK, 1, PACK_HEAD));
        workspace.close(PACK);
        diagnostics.closed(PACK);
        PublishDiagnosticsParams p = published();
        assertEquals(List.of(), p.getDiagnostics());
        assertEquals(null, p.getVersion());
    }

    @Test
    void pullClientsAreToldToPullAgainWhenAPackMateChanges() {
        diagnostics.usePull(true, true);
        workspace.open(new TextDocument(PACK, 1, PACK_HEAD));
        workspace.open(new TextDocument(EXECUTOR, 1, "schema_version: 1\nid: demo.x\n"));
        diagnostics.changed(EXECUTOR, 0);
        verify(client, timeout(5000)).refreshDiagnostics();
        verify(client, after(200).never()).publishDiagnostics(any());
    }

    @Test
    void closingAPacksPythonFileReChecksThePackAndPublishesNothingOnThePythonFile() {
        String code = "file:///w/demo/fetch.py";
        workspace.open(new TextDocument(PACK, 1, PACK_HEAD));
        workspace.open(new TextDocument(code, 1, "import urllib.request\nurllib.request.urlopen(u)\n"));
        workspace.close(code);
        diagnostics.closed(code);
        assertEquals(PACK, published().getUri());
        verify(client, after(300).never()).publishDiagnostics(org.mockito.ArgumentMatchers.argThat(
                p -> p.getUri().equals(code)));
    }

    @Test
    void otherYamlFilesGetNothing() {
        workspace.open(new TextDocument("file:///w/ci.yaml", 1, "on: [push\n"));
        diagnostics.changed("file:///w/ci.yaml", 0);
        verify(client, after(300).never()).publishDiagnostics(any());
    }

    @Test
    void aKeystrokeLooksUpOnlyItsOwnPackAndNotOnTheCallingThread() throws Exception {
        Workspace spied = spy(new Workspace());
        ScheduledExecutorService pool = Executors.newScheduledThreadPool(2);
        try {
            Diagnostics d = new Diagnostics(new LanguageService(spied), pool, () -> Settings.DEFAULTS);
            d.connect(client);
            for (int i = 0; i < 200; i++) { // other packs' manifests that show diagnostics
                spied.open(new TextDocument("file:///w/other" + i + "/pack.yaml", 1, PACK_HEAD));
            }
            spied.open(new TextDocument(PACK, 1, PACK_HEAD));
            List<Thread> lookups = new java.util.concurrent.CopyOnWriteArrayList<>();
            org.mockito.Mockito.doAnswer(inv -> {
                lookups.add(Thread.currentThread());
                return inv.callRealMethod();
            }).when(spied).packRootOf(org.mockito.ArgumentMatchers.anyString());
            d.changed(PACK, 0);
            verify(client, timeout(5000)).publishDiagnostics(org.mockito.ArgumentMatchers.argThat(p -> p.getUri().equals(PACK)));
            Thread.sleep(200);
            assertTrue(!lookups.contains(Thread.currentThread()), "no pack lookup on the JSON-RPC thread");
            assertTrue(lookups.size() <= 3, "the pack's own lookups, not one per shown manifest: " + lookups.size());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aSlowDocumentHoldsOneThreadAndTheOthersAreStillChecked() throws Exception {
        LanguageService slow = mock(LanguageService.class);
        when(slow.workspace()).thenReturn(workspace);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.atomic.AtomicInteger concurrent = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger most = new java.util.concurrent.atomic.AtomicInteger();
        when(slow.diagnose(org.mockito.ArgumentMatchers.eq(PACK), any(), any())).thenAnswer(inv -> {
            most.accumulateAndGet(concurrent.incrementAndGet(), Math::max);
            release.await(10, java.util.concurrent.TimeUnit.SECONDS); // a pathological file
            concurrent.decrementAndGet();
            return List.of();
        });
        when(slow.diagnose(org.mockito.ArgumentMatchers.eq(EXECUTOR), any(), any())).thenReturn(List.of());
        ScheduledExecutorService pool = Executors.newScheduledThreadPool(2);
        try {
            Diagnostics d = new Diagnostics(slow, pool, () -> Settings.DEFAULTS);
            d.connect(client);
            workspace.open(new TextDocument(PACK, 1, PACK_HEAD));
            workspace.open(new TextDocument(EXECUTOR, 1, "schema_version: 1\nid: demo.x\n"));
            for (int v = 1; v <= 5; v++) { // keep typing in the slow one
                workspace.open(new TextDocument(PACK, v, PACK_HEAD + "# " + v + "\n"));
                d.schedule(PACK, 0);
                Thread.sleep(20);
            }
            d.schedule(EXECUTOR, 0);
            verify(client, timeout(3000)).publishDiagnostics(org.mockito.ArgumentMatchers.argThat(p -> p.getUri().equals(EXECUTOR)));
            assertEquals(1, most.get(), "never two runs of one document at once");
        } finally {
            release.countDown();
            pool.shutdownNow();
        }
    }

    @Test
    void staleWorkStopsInsideTheRules() {
        String many = PACK_HEAD + "x: 1\n".repeat(0) + java.util.stream.IntStream.range(0, 5000)
                .mapToObj(i -> "key_" + i + ": 1\n").reduce("", String::concat);
        LanguageService service = dev.astrid.ls.ManifestAssert.service("demo/pack.yaml", many);
        int[] checks = {0};
        org.junit.jupiter.api.Assertions.assertThrows(java.util.concurrent.CancellationException.class, () ->
                service.diagnose(dev.astrid.ls.ManifestAssert.uri("demo/pack.yaml"), Settings.DEFAULTS, () -> {
                    if (++checks[0] > 20) {
                        throw new java.util.concurrent.CancellationException("the document changed");
                    }
                }));
        assertTrue(checks[0] == 21, "stopped at the first check after going stale, inside a rule: " + checks[0]);
    }

    @Test
    void aFileThatCouldNotBeCheckedIsPublishedAsNotChecked() {
        Workspace failing = mock(Workspace.class);
        when(failing.openDocument(PACK)).thenReturn(new TextDocument(PACK, 2, PACK_HEAD));
        when(failing.manifest(PACK)).thenThrow(new OutOfMemoryError("Java heap space"));
        Diagnostics d = new Diagnostics(new LanguageService(failing), executor, () -> Settings.DEFAULTS);
        d.connect(client);
        d.schedule(PACK, 0);
        PublishDiagnosticsParams p = published();
        assertEquals(List.of(dev.astrid.ls.rules.Limits.NOT_CHECKED.id()), p.getDiagnostics().stream()
                .map(x -> x.getCode().getLeft()).toList());
        assertTrue(p.getDiagnostics().get(0).getMessage().getLeft().contains("out of memory"));
    }
}
