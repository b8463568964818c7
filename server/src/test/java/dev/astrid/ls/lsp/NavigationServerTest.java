package dev.astrid.ls.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.astrid.ls.workspace.Workspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.PrepareRenameParams;
import org.eclipse.lsp4j.RenameParams;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.WorkspaceEditCapabilities;
import org.eclipse.lsp4j.WorkspaceSymbolParams;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rename and workspace symbols over JSON-RPC, on a pack on disk with some files open and unsaved. */
class NavigationServerTest {
    static final String PACK = "schema_version: 1\nid: weather\nname: Weather\nversion: 1.0.0\npermissions:\n"
            + "  - id: environment\n    reason: Reads WEATHER_KEY for api.weather.example\n";
    static final String EXEC = "schema_version: 1\nid: weather.fetch\nname: Fetch\nversion: 1.0.0\nkind: external\n"
            + "isolation:\n  secrets_required: [WEATHER_KEY]\n";
    static final String ORCH = "schema_version: 1\nid: weather.daily\nname: Daily\nversion: 1.0.0\nruntime: {}\n"
            + "metadata:\n  env: [WEATHER_KEY]\n";

    @TempDir
    Path tmp;

    @Test
    void aSecretIsRenamedInOneEditOverThreeFilesUnsavedBuffersFirst() throws Exception {
        Path root = tmp.resolve("weather");
        Files.createDirectories(root.resolve("executors/fetch"));
        Files.createDirectories(root.resolve("orchestrators/daily"));
        Files.writeString(root.resolve("pack.yaml"), PACK);
        Files.writeString(root.resolve("executors/fetch/executor.yaml"), EXEC);
        Files.writeString(root.resolve("orchestrators/daily/orchestrator.yaml"), ORCH);
        String pack = Workspace.uri(root.resolve("pack.yaml"));
        String exec = Workspace.uri(root.resolve("executors/fetch/executor.yaml"));
        String orch = Workspace.uri(root.resolve("orchestrators/daily/orchestrator.yaml"));
        // unsaved: two lines more at the top of the executor, and a second mention in the pack's reason
        String execUnsaved = "# fetches forecasts\n# from the API\n" + EXEC;
        String packUnsaved = PACK.replace("api.weather.example", "api.weather.example (WEATHER_KEY only)");
        try (LspClient client = LspClient.inProcess()) {
            client.initialize(null, tmp, false, caps -> {
                WorkspaceEditCapabilities edits = new WorkspaceEditCapabilities();
                edits.setDocumentChanges(true);
                caps.getWorkspace().setWorkspaceEdit(edits);
            });
            client.open(pack, 3, packUnsaved);
            client.open(exec, 7, execUnsaved);
            var service = client.server.getTextDocumentService();
            var prepared = service.prepareRename(new PrepareRenameParams(new TextDocumentIdentifier(exec),
                    new Position(8, 22))).get(20, TimeUnit.SECONDS);
            assertEquals("WEATHER_KEY", prepared.getSecond().getPlaceholder());

            var edit = service.rename(new RenameParams(new TextDocumentIdentifier(exec), new Position(8, 22),
                    "WEATHER_API_KEY")).get(20, TimeUnit.SECONDS);
            Map<String, String> after = new TreeMap<>();
            Map<String, Integer> versions = new TreeMap<>();
            for (var change : edit.getDocumentChanges()) {
                var docEdit = change.getLeft();
                String uri = docEdit.getTextDocument().getUri();
                String before = uri.equals(pack) ? packUnsaved : uri.equals(exec) ? execUnsaved : ORCH;
                after.put(uri, apply(before, docEdit.getEdits().stream().map(e -> e.getLeft()).toList()));
                versions.put(uri, docEdit.getTextDocument().getVersion());
            }
            assertEquals(Map.of(pack, packUnsaved.replace("WEATHER_KEY", "WEATHER_API_KEY"),
                    exec, execUnsaved.replace("WEATHER_KEY", "WEATHER_API_KEY"),
                    orch, ORCH.replace("WEATHER_KEY", "WEATHER_API_KEY")), after);
            assertEquals(3, versions.get(pack));
            assertEquals(7, versions.get(exec));
            assertEquals(null, versions.get(orch), "the file on disk has no version");

            ExecutionException refused = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class, () ->
                    service.rename(new RenameParams(new TextDocumentIdentifier(exec), new Position(8, 22), "weather key"))
                            .get(20, TimeUnit.SECONDS));
            assertTrue(refused.getCause() instanceof ResponseErrorException
                    && refused.getCause().getMessage().contains("not a valid secret name"), refused.toString());

            var symbols = client.server.getWorkspaceService().symbol(new WorkspaceSymbolParams("weather"))
                    .get(20, TimeUnit.SECONDS).getRight();
            assertEquals(List.of("weather", "weather.daily", "weather.fetch"), symbols.stream()
                    .filter(s -> !s.getName().contains("KEY")).map(s -> s.getName()).sorted().toList());
        }
    }

    static String apply(String text, List<TextEdit> edits) {
        StringBuilder sb = new StringBuilder(text);
        var doc = new dev.astrid.ls.text.TextDocument("x", 0, text);
        edits.stream().sorted(Comparator.comparing((TextEdit e) -> doc.offsetAt(Convert.position(e.getRange().getStart())))
                .reversed()).forEach(e -> sb.replace(doc.offsetAt(Convert.position(e.getRange().getStart())),
                doc.offsetAt(Convert.position(e.getRange().getEnd())), e.getNewText()));
        return sb.toString();
    }
}
