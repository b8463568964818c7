package dev.astrid.ls.lsp;

import static dev.astrid.ls.ManifestAssert.PACK_HEAD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.astrid.ls.rules.NetworkRule;
import dev.astrid.ls.workspace.Workspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;
import org.eclipse.lsp4j.DidChangeTextDocumentParams;
import org.eclipse.lsp4j.DidChangeWatchedFilesParams;
import org.eclipse.lsp4j.DidCloseTextDocumentParams;
import org.eclipse.lsp4j.FileChangeType;
import org.eclipse.lsp4j.FileEvent;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.VersionedTextDocumentIdentifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Over JSON-RPC: the pack manifest's disclosure findings follow its Python, typed or changed on disk. */
class DisclosureServerTest {
    @TempDir
    Path tmp;

    static final String PACK = PACK_HEAD + "permissions:\n  - id: project_files\n    reason: Writes meshes into assets\n";
    static final String CALL = "import urllib.request\nurllib.request.urlretrieve(url, target)\n";

    /** The next publication for the URI that satisfies the test, skipping others. */
    static PublishDiagnosticsParams awaitFor(LspClient client, String uri, Predicate<List<String>> codes)
            throws InterruptedException {
        while (true) {
            PublishDiagnosticsParams p = client.nextDiagnostics();
            if (p.getUri().equals(uri) && codes.test(p.getDiagnostics().stream().map(d -> d.getCode().getLeft()).toList())) {
                return p;
            }
        }
    }

    static Predicate<List<String>> has(String code) {
        return codes -> codes.contains(code);
    }

    static Predicate<List<String>> lacks(String code) {
        return codes -> !codes.contains(code);
    }

    @Test
    void typingInAPacksPythonRepublishesThePackManifest() throws Exception {
        Path pack = Files.createDirectories(tmp.resolve("demo"));
        Files.writeString(pack.resolve("pack.yaml"), PACK);
        String packUri = Workspace.uri(pack.resolve("pack.yaml"));
        String codeUri = Workspace.uri(pack.resolve("fetch.py"));
        try (LspClient client = LspClient.inProcess()) {
            client.initialize(null, tmp, false);
            client.awaitScan();
            client.open(packUri, 1, PACK);
            awaitFor(client, packUri, lacks(NetworkRule.UNDECLARED.id()));
            client.server.getTextDocumentService().didOpen(new org.eclipse.lsp4j.DidOpenTextDocumentParams(
                    new org.eclipse.lsp4j.TextDocumentItem(codeUri, "python", 1, "import urllib.request\n")));
            client.server.getTextDocumentService().didChange(new DidChangeTextDocumentParams(
                    new VersionedTextDocumentIdentifier(codeUri, 2), List.of(new TextDocumentContentChangeEvent(
                            new org.eclipse.lsp4j.Range(new org.eclipse.lsp4j.Position(1, 0),
                                    new org.eclipse.lsp4j.Position(1, 0)), "urllib.request.urlretrieve(url, target)\n"))));
            PublishDiagnosticsParams p = awaitFor(client, packUri, has(NetworkRule.UNDECLARED.id()));
            assertEquals(1, p.getVersion(), "the pack manifest's own version: only its findings changed");
            var d = p.getDiagnostics().stream().filter(x -> x.getCode().getLeft().equals(NetworkRule.UNDECLARED.id()))
                    .findFirst().orElseThrow();
            assertEquals(codeUri, d.getRelatedInformation().get(0).getLocation().getUri());
            assertEquals(1, d.getRelatedInformation().get(0).getLocation().getRange().getStart().getLine());
            assertTrue(client.drain().stream().noneMatch(x -> x.getUri().equals(codeUri)), "nothing is published on a .py");

            // the buffer closes without being saved: the file on disk (there is none) counts again
            client.server.getTextDocumentService().didClose(new DidCloseTextDocumentParams(new TextDocumentIdentifier(codeUri)));
            awaitFor(client, packUri, lacks(NetworkRule.UNDECLARED.id()));
            assertTrue(client.drain().stream().noneMatch(x -> x.getUri().equals(codeUri)), "nothing to clear on a .py");
        }
    }

    @Test
    void aPythonFileChangedOnDiskIsReadAgainOnTheWatchedFileEvent() throws Exception {
        Path pack = Files.createDirectories(tmp.resolve("demo"));
        Files.writeString(pack.resolve("pack.yaml"), PACK);
        Path code = Files.writeString(pack.resolve("fetch.py"), "import urllib.request\n");
        String packUri = Workspace.uri(pack.resolve("pack.yaml"));
        try (LspClient client = LspClient.inProcess()) {
            client.initialize(null, tmp, false);
            client.awaitScan();
            assertTrue(client.registrations.stream().anyMatch(r -> new com.google.gson.Gson().toJson(r.getRegisterOptions())
                    .contains("{\"globPattern\":\"**/*.py\"}")), "Python files are watched");
            client.open(packUri, 1, PACK);
            awaitFor(client, packUri, lacks(NetworkRule.UNDECLARED.id()));
            Files.writeString(code, CALL);
            client.server.getWorkspaceService().didChangeWatchedFiles(new DidChangeWatchedFilesParams(List.of(
                    new FileEvent(Workspace.uri(code), FileChangeType.Changed))));
            awaitFor(client, packUri, has(NetworkRule.UNDECLARED.id()));
            Path added = Files.writeString(pack.resolve("tools.py"), "import subprocess\nsubprocess.run(['ffmpeg'])\n");
            client.server.getWorkspaceService().didChangeWatchedFiles(new DidChangeWatchedFilesParams(List.of(
                    new FileEvent(Workspace.uri(added), FileChangeType.Created))));
            awaitFor(client, packUri, has("subprocess-undeclared"));
        }
    }
}
