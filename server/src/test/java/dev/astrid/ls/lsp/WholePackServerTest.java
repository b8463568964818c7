package dev.astrid.ls.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.astrid.ls.rules.PermissionShapeRule;
import dev.astrid.ls.rules.SecretsRule;
import dev.astrid.ls.workspace.Workspace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.CodeLensParams;
import org.eclipse.lsp4j.DidChangeTextDocumentParams;
import org.eclipse.lsp4j.DidChangeWatchedFilesParams;
import org.eclipse.lsp4j.DocumentDiagnosticParams;
import org.eclipse.lsp4j.ExecuteCommandParams;
import org.eclipse.lsp4j.FileChangeType;
import org.eclipse.lsp4j.FileEvent;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.ProgressParams;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.VersionedTextDocumentIdentifier;
import org.eclipse.lsp4j.WorkDoneProgressBegin;
import org.eclipse.lsp4j.WorkDoneProgressEnd;
import org.eclipse.lsp4j.WorkDoneProgressReport;
import org.eclipse.lsp4j.WorkspaceDiagnosticParams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole-pack features over JSON-RPC: cross-file re-checks, the workspace scan, pull diagnostics, the lens. */
class WholePackServerTest {
    static final String PACK = "schema_version: 1\nid: weather\nname: Weather\nversion: 1.0.0\npermissions:\n"
            + "  - id: subprocess\n    reason: Runs ffmpeg to encode the card\n";
    static final String EXECUTOR = "schema_version: 1\nid: weather.fetch\nname: Fetch\nversion: 1.0.0\n"
            + "kind: external\nisolation:\n  secrets_required: [WEATHER_API_KEY]\n";

    @TempDir
    Path tmp;

    Path writePack(Path dir, String id, String pack, String executor) throws IOException {
        Path root = dir.resolve(id);
        Files.createDirectories(root.resolve("executors/fetch"));
        Files.writeString(root.resolve("pack.yaml"), pack.replace("weather", id));
        Files.writeString(root.resolve("executors/fetch/executor.yaml"), executor.replace("weather", id));
        Files.writeString(root.resolve("executors/fetch/STAGE.md"), "# Fetch\n");
        return root;
    }

    @Test
    void aFixInTheOpenPackManifestReChecksItsOpenComponentsWithoutSaving() throws Exception {
        Path root = writePack(tmp, "weather", PACK, EXECUTOR);
        String packUri = Workspace.uri(root.resolve("pack.yaml"));
        String execUri = Workspace.uri(root.resolve("executors/fetch/executor.yaml"));
        Path other = writePack(tmp, "other", PACK, EXECUTOR);
        String otherExec = Workspace.uri(other.resolve("executors/fetch/executor.yaml"));
        try (LspClient client = LspClient.inProcess()) {
            client.initialize(null, tmp, false);
            client.awaitScan();
            client.open(execUri, 1, EXECUTOR);
            client.open(otherExec, 1, EXECUTOR.replace("weather", "other"));
            assertEquals(SecretsRule.WITHOUT_ENVIRONMENT.id(),
                    client.diagnosticsFor(execUri, 1).getDiagnostics().get(0).getCode().getLeft());
            client.open(packUri, 1, PACK);
            client.diagnosticsFor(packUri, 1);
            do {
                Thread.sleep(300); // until the opens have settled (each pack's update base is read once, then re-checked)
            } while (!client.drain().isEmpty());

            String fixed = PACK + "  - id: environment\n    reason: Reads WEATHER_API_KEY for the forecast API\n";
            client.server.getTextDocumentService().didChange(new DidChangeTextDocumentParams(
                    new VersionedTextDocumentIdentifier(packUri, 2), List.of(new TextDocumentContentChangeEvent(fixed))));
            PublishDiagnosticsParams exec = client.diagnosticsFor(execUri, 1);
            while (!exec.getDiagnostics().isEmpty()) {
                exec = client.diagnosticsFor(execUri, 1); // an earlier run may still be on its way
            }
            assertEquals(List.of(), exec.getDiagnostics(), "the component is re-checked against the unsaved pack");
            Thread.sleep(300);
            List<PublishDiagnosticsParams> later = client.drain();
            assertTrue(later.stream().noneMatch(p -> p.getUri().equals(otherExec)),
                    () -> "only manifests of the same pack are re-checked: " + later.stream()
                            .map(p -> p.getUri() + " v" + p.getVersion() + " " + p.getDiagnostics().size()).toList());
        }
    }

    @Test
    void aThousandPackWorkspaceIsScannedWithProgressAndEveryBrokenPackIsReported() throws Exception {
        int packs = 1000;
        for (int i = 0; i < packs; i++) {
            // every tenth pack has a wrong permission id; every pack's executor reads a secret
            String pack = i % 10 == 0 ? PACK.replace("id: subprocess", "id: Subprocess") : PACK;
            writePack(tmp, "pack_" + i, pack, EXECUTOR);
        }
        try (LspClient client = LspClient.inProcess()) {
            long started = System.nanoTime();
            client.initialize(null, tmp, false);
            String openUri = Workspace.uri(tmp.resolve("pack_7/pack.yaml"));
            client.open(openUri, 1, PACK.replace("weather", "pack_7"));
            var hover = client.server.getTextDocumentService().hover(new HoverParams(
                    new TextDocumentIdentifier(openUri), new Position(5, 9))).get(30, TimeUnit.SECONDS);
            assertNotNull(hover);
            boolean hoverBeforeEnd = client.progress.stream().noneMatch(p -> p.getValue().getLeft() instanceof WorkDoneProgressEnd);

            List<Object> kinds = new ArrayList<>();
            WorkDoneProgressEnd end = null;
            while (end == null) {
                ProgressParams p = client.progress.poll(120, TimeUnit.SECONDS);
                assertNotNull(p, "progress stopped");
                Object v = p.getValue().getLeft();
                kinds.add(v.getClass());
                if (v instanceof WorkDoneProgressEnd e) {
                    end = e;
                }
            }
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            System.out.println("1000-pack workspace: " + end.getMessage() + "; initialize to end of scan " + ms + " ms");
            assertEquals(WorkDoneProgressBegin.class, kinds.get(0));
            assertTrue(kinds.contains(WorkDoneProgressReport.class));
            assertTrue(end.getMessage().startsWith("2000 manifests in 1000 packs"), end.getMessage());
            assertTrue(hoverBeforeEnd, "a request on an open document is answered while the scan runs");

            Map<String, List<String>> byUri = new HashMap<>();
            List<Integer> openVersions = new ArrayList<>();
            for (PublishDiagnosticsParams p : client.drain()) {
                byUri.put(p.getUri(), p.getDiagnostics().stream().map(d -> d.getCode().getLeft()).toList());
                if (p.getUri().equals(openUri)) {
                    openVersions.add(p.getVersion());
                }
            }
            assertEquals(List.of(PermissionShapeRule.UNKNOWN_ID.id()), byUri.get(Workspace.uri(tmp.resolve("pack_10/pack.yaml"))));
            assertEquals(List.of(), byUri.get(Workspace.uri(tmp.resolve("pack_11/pack.yaml"))));
            assertEquals(List.of(SecretsRule.WITHOUT_ENVIRONMENT.id()),
                    byUri.get(Workspace.uri(tmp.resolve("pack_11/executors/fetch/executor.yaml"))));
            // the open buffer's diagnostics are its own (versioned), never the file's from the scan
            assertTrue(openVersions.stream().allMatch(v -> v != null && v == 1), openVersions.toString());
            assertEquals(1999, byUri.keySet().stream().filter(u -> !u.equals(openUri)).count(),
                    "every manifest that is not open got diagnostics");
        }
    }

    @Test
    void diskChangesToAClosedManifestAreReported() throws Exception {
        Path root = writePack(tmp, "weather", PACK, EXECUTOR);
        try (LspClient client = LspClient.inProcess()) {
            client.initialize(null, tmp, false);
            String execUri = Workspace.uri(root.resolve("executors/fetch/executor.yaml"));
            PublishDiagnosticsParams first = client.nextDiagnostics();
            while (!first.getUri().equals(execUri)) {
                first = client.nextDiagnostics();
            }
            assertEquals(1, first.getDiagnostics().size());
            assertTrue(client.registrations.stream().anyMatch(r -> r.getMethod().equals("workspace/didChangeWatchedFiles")));

            Files.writeString(root.resolve("pack.yaml"), PACK + "  - id: environment\n    reason: Reads WEATHER_API_KEY\n");
            client.server.getWorkspaceService().didChangeWatchedFiles(new DidChangeWatchedFilesParams(List.of(
                    new FileEvent(Workspace.uri(root.resolve("pack.yaml")), FileChangeType.Changed))));
            PublishDiagnosticsParams again = client.nextDiagnostics();
            while (!again.getUri().equals(execUri)) {
                again = client.nextDiagnostics();
            }
            assertEquals(List.of(), again.getDiagnostics());
        }
    }

    @Test
    void pullClientsGetResultIdsAndWorkspaceReportsAndNoPushes() throws Exception {
        Path root = writePack(tmp, "weather", PACK, EXECUTOR);
        String packUri = Workspace.uri(root.resolve("pack.yaml"));
        try (LspClient client = LspClient.inProcess()) {
            var init = client.initialize(null, tmp, true);
            assertTrue(init.getCapabilities().getDiagnosticProvider().isWorkspaceDiagnostics());
            client.open(packUri, 1, PACK.replace("id: subprocess", "id: Subprocess"));
            var report = client.server.getTextDocumentService().diagnostic(new DocumentDiagnosticParams(
                    new TextDocumentIdentifier(packUri))).get(10, TimeUnit.SECONDS).getRelatedFullDocumentDiagnosticReport();
            assertEquals(PermissionShapeRule.UNKNOWN_ID.id(), report.getItems().get(0).getCode().getLeft());
            DocumentDiagnosticParams again = new DocumentDiagnosticParams(new TextDocumentIdentifier(packUri));
            again.setPreviousResultId(report.getResultId());
            assertNotNull(client.server.getTextDocumentService().diagnostic(again).get(10, TimeUnit.SECONDS)
                    .getRelatedUnchangedDocumentDiagnosticReport());

            Thread.sleep(500); // let the scan finish
            var ws = client.server.getWorkspaceService().diagnostic(new WorkspaceDiagnosticParams(List.of()))
                    .get(10, TimeUnit.SECONDS);
            assertEquals(1, ws.getItems().size(), "the open pack.yaml is pulled per document");
            var item = ws.getItems().get(0).getWorkspaceFullDocumentDiagnosticReport();
            assertEquals(Workspace.uri(root.resolve("executors/fetch/executor.yaml")), item.getUri());
            assertEquals(SecretsRule.WITHOUT_ENVIRONMENT.id(), item.getItems().get(0).getCode().getLeft());
            assertEquals(List.of(), client.drain(), "a pull client gets no pushed diagnostics");
        }
    }

    @Test
    void aPullClientsWorkspaceReportFollowsManifestsCreatedAndDeletedOnDisk() throws Exception {
        Path root = writePack(tmp, "weather", PACK, EXECUTOR);
        Path executor = root.resolve("executors/fetch/executor.yaml");
        try (LspClient client = LspClient.inProcess()) {
            client.initialize(null, tmp, true);
            assertTrue(workspaceReport(client, uris -> uris.contains(Workspace.uri(executor))).contains(
                    Workspace.uri(executor)), "the scan found the executor");
            Path added = root.resolve("executors/store/executor.yaml");
            Files.createDirectories(added.getParent());
            Files.writeString(added, "schema_version: 1\nid: weather.store\n");
            Files.delete(executor);
            client.server.getWorkspaceService().didChangeWatchedFiles(new DidChangeWatchedFilesParams(List.of(
                    new FileEvent(Workspace.uri(added.getParent()), FileChangeType.Created),
                    new FileEvent(Workspace.uri(executor), FileChangeType.Deleted))));
            List<String> uris = workspaceReport(client, u -> u.contains(Workspace.uri(added))
                    && !u.contains(Workspace.uri(executor)));
            assertTrue(uris.contains(Workspace.uri(added)), "the new folder's manifest: " + uris);
            assertTrue(!uris.contains(Workspace.uri(executor)), "not the deleted one: " + uris);
        }
    }

    /** The URIs of a workspace pull, pulled again until they pass the test or ten seconds have gone. */
    static List<String> workspaceReport(LspClient client, java.util.function.Predicate<List<String>> done) throws Exception {
        List<String> uris = List.of();
        for (long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10); System.nanoTime() < end && !done.test(uris);
             Thread.sleep(50)) {
            uris = client.server.getWorkspaceService().diagnostic(new WorkspaceDiagnosticParams(List.of()))
                    .get(10, TimeUnit.SECONDS).getItems().stream()
                    .map(i -> i.getWorkspaceFullDocumentDiagnosticReport().getUri()).toList();
        }
        return uris;
    }

    @Test
    void codeLensAndCommandGiveTheTrustSummary() throws Exception {
        Path root = writePack(tmp, "weather", PACK, EXECUTOR);
        String packUri = Workspace.uri(root.resolve("pack.yaml"));
        try (LspClient client = LspClient.inProcess()) {
            var init = client.initialize(null, tmp, false);
            assertEquals(List.of("astrid.trustSummary"), init.getCapabilities().getExecuteCommandProvider().getCommands());
            client.open(packUri, 1, PACK);
            var lenses = client.server.getTextDocumentService().codeLens(new CodeLensParams(
                    new TextDocumentIdentifier(packUri))).get(10, TimeUnit.SECONDS);
            // no content folders named: Astrid counts no component; no workspace folder: no repository
            assertEquals(List.of("Trust summary: 1 permission, 1 secret, 0 components · no sandbox, disclosure only",
                    "Update diff: no git repository"), lenses.stream().map(l -> l.getCommand().getTitle()).toList());
            var command = lenses.get(0).getCommand();
            Object text = client.server.getWorkspaceService().executeCommand(new ExecuteCommandParams(
                    command.getCommand(), command.getArguments())).get(10, TimeUnit.SECONDS);
            assertTrue(text.toString().startsWith("━━━ Trust Summary ━━━\n  Pack ID:       weather\n"), text.toString());
        }
    }

    /** Waits until every one of these URIs was last published with these codes (after anything earlier). */
    static void awaitPublished(LspClient client, Map<String, List<String>> expected) throws InterruptedException {
        Map<String, List<String>> last = new HashMap<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!expected.entrySet().stream().allMatch(e -> e.getValue().equals(last.get(e.getKey())))) {
            PublishDiagnosticsParams p = client.diagnostics.poll(Math.max(1, deadline - System.nanoTime()),
                    TimeUnit.NANOSECONDS);
            if (p == null) {
                throw new AssertionError("expected " + expected + " but last published " + last);
            }
            last.put(p.getUri(), p.getDiagnostics().stream().map(d -> d.getCode().getLeft()).toList());
        }
    }

    static void delete(Path dir) throws IOException {
        try (var files = Files.walk(dir)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    @Test
    void deletingAPackFolderClearsItsDiagnosticsFromOneFolderEvent() throws Exception {
        Path root = writePack(tmp, "weather", PACK, EXECUTOR);
        writePack(tmp, "other", PACK, EXECUTOR);
        String execUri = Workspace.uri(root.resolve("executors/fetch/executor.yaml"));
        try (LspClient client = LspClient.inProcess()) {
            client.initialize(null, tmp, false);
            client.awaitScan();
            assertTrue(client.registrations.stream().anyMatch(r -> new com.google.gson.Gson().toJson(
                    r.getRegisterOptions()).contains("{\"globPattern\":\"**/*\",\"kind\":4}")),
                    "a delete watcher that matches folders too");
            delete(root);
            client.server.getWorkspaceService().didChangeWatchedFiles(new DidChangeWatchedFilesParams(List.of(
                    new FileEvent(Workspace.uri(root), FileChangeType.Deleted))));
            awaitPublished(client, Map.of(execUri, List.of(), Workspace.uri(root.resolve("pack.yaml")), List.of()));
        }
    }

    @Test
    void aNoPackMarkerCreatedOrRemovedAtRuntimeTakesEffect() throws Exception {
        Path root = writePack(tmp, "weather", PACK, EXECUTOR);
        String execUri = Workspace.uri(root.resolve("executors/fetch/executor.yaml"));
        try (LspClient client = LspClient.inProcess()) {
            client.initialize(null, tmp, false);
            client.awaitScan();
            Path marker = Files.writeString(root.resolve(".no-pack"), "");
            client.server.getWorkspaceService().didChangeWatchedFiles(new DidChangeWatchedFilesParams(List.of(
                    new FileEvent(Workspace.uri(marker), FileChangeType.Created))));
            awaitPublished(client, Map.of(execUri, List.of()));
            Files.delete(marker);
            client.server.getWorkspaceService().didChangeWatchedFiles(new DidChangeWatchedFilesParams(List.of(
                    new FileEvent(Workspace.uri(marker), FileChangeType.Deleted))));
            awaitPublished(client, Map.of(execUri, List.of(SecretsRule.WITHOUT_ENVIRONMENT.id())));
        }
    }

    @Test
    void workspaceFoldersAddedAreScannedAndRemovedAreCleared() throws Exception {
        Path first = Files.createDirectories(tmp.resolve("first"));
        Path second = Files.createDirectories(tmp.resolve("second"));
        writePack(first, "weather", PACK, EXECUTOR);
        Path added = writePack(second, "other", PACK.replace("id: subprocess", "id: Subprocess"), EXECUTOR);
        String addedPack = Workspace.uri(added.resolve("pack.yaml"));
        try (LspClient client = LspClient.inProcess()) {
            client.initialize(null, first, false);
            client.awaitScan();
            client.server.getWorkspaceService().didChangeWorkspaceFolders(new org.eclipse.lsp4j.DidChangeWorkspaceFoldersParams(
                    new org.eclipse.lsp4j.WorkspaceFoldersChangeEvent(List.of(new org.eclipse.lsp4j.WorkspaceFolder(
                            second.toUri().toString(), "second")), List.of())));
            String addedExecutor = Workspace.uri(added.resolve("executors/fetch/executor.yaml"));
            awaitPublished(client, Map.of(addedPack, List.of(PermissionShapeRule.UNKNOWN_ID.id()),
                    addedExecutor, List.of(SecretsRule.WITHOUT_ENVIRONMENT.id())));
            client.server.getWorkspaceService().didChangeWorkspaceFolders(new org.eclipse.lsp4j.DidChangeWorkspaceFoldersParams(
                    new org.eclipse.lsp4j.WorkspaceFoldersChangeEvent(List.of(), List.of(new org.eclipse.lsp4j.WorkspaceFolder(
                            second.toUri().toString(), "second")))));
            awaitPublished(client, Map.of(addedPack, List.of(), addedExecutor, List.of()));
        }
    }
}
