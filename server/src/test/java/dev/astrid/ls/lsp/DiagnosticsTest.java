package dev.astrid.ls.lsp;

import static dev.astrid.ls.ManifestAssert.PACK_HEAD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.after;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.timeout;
import static org.mockito.Mockito.verify;

import dev.astrid.ls.core.Settings;
import dev.astrid.ls.rules.PermissionShapeRule;
import dev.astrid.ls.service.LanguageService;
import dev.astrid.ls.text.TextDocument;
import dev.astrid.ls.workspace.Workspace;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.services.LanguageClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
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
    void otherYamlFilesGetNothing() {
        workspace.open(new TextDocument("file:///w/ci.yaml", 1, "on: [push\n"));
        diagnostics.changed("file:///w/ci.yaml", 0);
        verify(client, after(300).never()).publishDiagnostics(any());
    }
}
