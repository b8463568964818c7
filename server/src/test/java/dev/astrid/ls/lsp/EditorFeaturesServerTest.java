package dev.astrid.ls.lsp;

import static dev.astrid.ls.ManifestAssert.PACK_HEAD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonParser;
import dev.astrid.ls.rules.VagueReasonRule;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.CodeAction;
import org.eclipse.lsp4j.CodeActionCapabilities;
import org.eclipse.lsp4j.CodeActionContext;
import org.eclipse.lsp4j.CodeActionKind;
import org.eclipse.lsp4j.CodeActionParams;
import org.eclipse.lsp4j.CodeActionResolveSupportCapabilities;
import org.eclipse.lsp4j.DidChangeConfigurationParams;
import org.eclipse.lsp4j.DocumentSymbolCapabilities;
import org.eclipse.lsp4j.DocumentSymbolParams;
import org.eclipse.lsp4j.FoldingRangeRequestParams;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.WorkspaceClientCapabilities;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.junit.jupiter.api.Test;

/** Quick fixes, fixAll, outline, folding and live settings over real JSON-RPC. */
class EditorFeaturesServerTest {
    static final String URI = "file:///work/demo/pack.yaml";
    static final String TEXT = "id: demo\nname: Demo\nversion: 1.0\npermissions:\n  - id: Network\n"
            + "    reason: network access\n";

    static String apply(String text, List<TextEdit> edits) {
        var doc = new dev.astrid.ls.text.TextDocument(URI, 0, text);
        StringBuilder sb = new StringBuilder(text);
        edits.stream().sorted((a, b) -> Integer.compare(doc.offsetAt(Convert.position(b.getRange().getStart())),
                doc.offsetAt(Convert.position(a.getRange().getStart())))).forEach(e -> sb.replace(
                doc.offsetAt(Convert.position(e.getRange().getStart())), doc.offsetAt(Convert.position(e.getRange().getEnd())),
                e.getNewText()));
        return sb.toString();
    }

    static List<CodeAction> actions(LspClient client, Range range, List<String> only) throws Exception {
        CodeActionContext context = new CodeActionContext(List.of());
        context.setOnly(only);
        return client.server.getTextDocumentService().codeAction(new CodeActionParams(new TextDocumentIdentifier(URI),
                range, context)).get(10, TimeUnit.SECONDS).stream().map(e -> e.getRight()).toList();
    }

    @Test
    void sourceFixAllOverJsonRpc() throws Exception {
        try (LspClient client = LspClient.inProcess()) {
            client.initialize(null);
            client.open(URI, 1, TEXT);
            client.diagnosticsFor(URI, 1);
            List<CodeAction> fixAll = actions(client, new Range(new Position(0, 0), new Position(0, 0)),
                    List.of(CodeActionKind.SourceFixAll));
            assertEquals(1, fixAll.size());
            assertEquals(CodeActionKind.SourceFixAll, fixAll.get(0).getKind());
            String fixed = apply(TEXT, fixAll.get(0).getEdit().getChanges().get(URI));
            assertEquals("schema_version: 1\nid: demo\nname: Demo\nversion: \"1.0\"\npermissions:\n  - id: network\n"
                    + "    reason: network access\n", fixed);
        }
    }

    @Test
    void quickFixesAreResolvedLazilyWhenTheClientCan() throws Exception {
        try (LspClient client = LspClient.inProcess()) {
            var init = client.initialize(null, null, false, caps -> {
                CodeActionCapabilities ca = new CodeActionCapabilities();
                ca.setResolveSupport(new CodeActionResolveSupportCapabilities(List.of("edit")));
                caps.getTextDocument().setCodeAction(ca);
            });
            assertTrue(init.getCapabilities().getCodeActionProvider().getRight().getResolveProvider());
            client.open(URI, 1, "schema_version: 1\n" + TEXT.replace("version: 1.0", "version: 1.0.0"));
            List<CodeAction> quick = actions(client, new Range(new Position(5, 8), new Position(5, 8)),
                    List.of(CodeActionKind.QuickFix));
            CodeAction change = quick.stream().filter(a -> a.getTitle().equals("Change to 'network'")).findFirst().orElseThrow();
            assertNull(change.getEdit(), "edits come with resolve");
            assertEquals(Boolean.TRUE, change.getIsPreferred());
            CodeAction resolved = client.server.getTextDocumentService().resolveCodeAction(change).get(10, TimeUnit.SECONDS);
            TextEdit edit = resolved.getEdit().getChanges().get(URI).get(0);
            assertEquals(new Range(new Position(5, 8), new Position(5, 15)), edit.getRange());
            assertEquals("network", edit.getNewText());
        }
    }

    @Test
    void settingsPushedInDidChangeConfigurationTakeEffectWithoutRestart() throws Exception {
        try (LspClient client = LspClient.inProcess()) {
            client.initialize(null);
            String text = PACK_HEAD + "permissions:\n  - id: network\n"
                    + "    reason: network access\n";
            client.open(URI, 1, text);
            assertEquals(VagueReasonRule.VAGUE_REASON.id(), client.diagnosticsFor(URI, 1).getDiagnostics().get(0).getCode().getLeft());
            client.server.getWorkspaceService().didChangeConfiguration(new DidChangeConfigurationParams(JsonParser.parseString(
                    "{\"astrid\": {\"severity\": {\"permission-vague-reason\": \"off\"}}}")));
            assertEquals(List.of(), client.diagnosticsFor(URI, 1).getDiagnostics());
            client.server.getWorkspaceService().didChangeConfiguration(new DidChangeConfigurationParams(JsonParser.parseString(
                    "{\"astrid\": {\"severity\": {\"permission-vague-reason\": \"error\"}}}")));
            var d = client.diagnosticsFor(URI, 1).getDiagnostics().get(0);
            assertEquals(org.eclipse.lsp4j.DiagnosticSeverity.Error, d.getSeverity());
            // eglot sends nulls: defaults again, no error
            client.server.getWorkspaceService().didChangeConfiguration(new DidChangeConfigurationParams());
            assertEquals(org.eclipse.lsp4j.DiagnosticSeverity.Warning,
                    client.diagnosticsFor(URI, 1).getDiagnostics().get(0).getSeverity());
        }
    }

    @Test
    void settingsArePulledWithWorkspaceConfiguration() throws Exception {
        try (LspClient client = LspClient.inProcess()) {
            client.astridSettings = Map.of("vagueReason", Map.of("phrases", List.of("runs ffmpeg")));
            client.initialize(null, null, false, caps -> {
                WorkspaceClientCapabilities ws = caps.getWorkspace();
                ws.setConfiguration(true);
            });
            String text = PACK_HEAD + "permissions:\n  - id: subprocess\n"
                    + "    reason: Runs ffmpeg\n";
            Thread.sleep(300);
            client.open(URI, 1, text);
            assertEquals(VagueReasonRule.VAGUE_REASON.id(), client.diagnosticsFor(URI, 1).getDiagnostics().get(0).getCode().getLeft());
            client.astridSettings = null;
            client.server.getWorkspaceService().didChangeConfiguration(new DidChangeConfigurationParams());
            assertEquals(List.of(), client.diagnosticsFor(URI, 1).getDiagnostics());
            assertEquals(2, client.configurationRequests.get());
        }
    }

    @Test
    void settingsThatSpellOutTheDefaultsMakeAPullClientPullNothingAgain() throws Exception {
        try (LspClient client = LspClient.inProcess()) {
            client.astridSettings = Map.of("severity", Map.of(), "inlayHints", Map.of("enabled", false),
                    "update", Map.of("base", "HEAD"), "vagueReason", Map.of("minSpecificWords", 1));
            client.initialize(null, null, true, caps -> caps.getWorkspace().setConfiguration(true));
            for (long end = System.nanoTime() + 5_000_000_000L; client.configurationRequests.get() == 0
                    && System.nanoTime() < end; ) {
                Thread.sleep(20);
            }
            Thread.sleep(300);
            assertEquals(0, client.refreshes.get(), "no diagnostics refresh for settings that change nothing");
        }
    }

    @Test
    void outlineAndFolding() throws Exception {
        try (LspClient client = LspClient.inProcess()) {
            client.initialize(null, null, false, caps -> caps.getTextDocument().setDocumentSymbol(
                    new DocumentSymbolCapabilities(null, null, true)));
            client.open(URI, 1, TEXT);
            var symbols = client.server.getTextDocumentService().documentSymbol(new DocumentSymbolParams(
                    new TextDocumentIdentifier(URI))).get(10, TimeUnit.SECONDS);
            var permissions = symbols.get(3).getRight();
            assertEquals("permissions", permissions.getName());
            assertEquals("Network", permissions.getChildren().get(0).getName());
            assertEquals("network access", permissions.getChildren().get(0).getDetail());
            var folds = client.server.getTextDocumentService().foldingRange(new FoldingRangeRequestParams(
                    new TextDocumentIdentifier(URI))).get(10, TimeUnit.SECONDS);
            assertNotNull(folds.stream().filter(f -> f.getStartLine() == 3 && f.getEndLine() == 5).findFirst().orElse(null));
        }
    }

    @Test
    void clientsWithoutNestedSymbolsGetAFlatOutlineWithContainers() throws Exception {
        try (LspClient client = LspClient.inProcess()) {
            client.initialize(null);
            client.open(URI, 1, TEXT);
            var symbols = client.server.getTextDocumentService().documentSymbol(new DocumentSymbolParams(
                    new TextDocumentIdentifier(URI))).get(10, TimeUnit.SECONDS);
            var network = symbols.stream().map(Either::getLeft)
                    .filter(s -> s.getName().equals("Network")).findFirst().orElseThrow();
            assertEquals("permissions", network.getContainerName());
            assertEquals(URI, network.getLocation().getUri());
            assertEquals(4, network.getLocation().getRange().getStart().getLine());
        }
    }

    @Test
    void initializationOptionsSurviveAConfigurationAnswerOfNull() throws Exception {
        try (LspClient client = LspClient.inProcess()) {
            client.initializationOptions = Map.of("astrid", Map.of("severity", Map.of("permission-vague-reason", "off")));
            client.astridSettings = null; // workspace/configuration answers [null], as IntelliJ does without settings
            client.initialize(null, null, false, caps -> caps.getWorkspace().setConfiguration(true));
            client.open(URI, 1, PACK_HEAD + "permissions:\n  - id: network\n    reason: network access\n");
            assertEquals(List.of(), client.diagnosticsFor(URI, 1).getDiagnostics());
            client.server.getWorkspaceService().didChangeConfiguration(new DidChangeConfigurationParams());
            Thread.sleep(300);
            assertTrue(client.drain().stream().allMatch(p -> p.getDiagnostics().isEmpty()), "still off after a re-pull");
            assertTrue(client.configurationRequests.get() >= 2, "the client was asked");
        }
    }

    @Test
    void inlayHintsAreOnlyThoseInTheRequestedRange() throws Exception {
        try (LspClient client = LspClient.inProcess()) {
            client.initializationOptions = Map.of("inlayHints", Map.of("enabled", true));
            client.initialize(null);
            String text = PACK_HEAD + "permissions:\n  - id: external_services\n    reason: Calls the Replicate API\n"
                    + "    services: [replicate]\n  - id: external_services\n    reason: Calls the OpenAI API\n"
                    + "    services: [openai]\n";
            client.open(URI, 1, text);
            var all = client.server.getTextDocumentService().inlayHint(new org.eclipse.lsp4j.InlayHintParams(
                    new TextDocumentIdentifier(URI), new Range(new Position(0, 0), new Position(20, 0))))
                    .get(10, TimeUnit.SECONDS);
            assertEquals(List.of(7, 10), all.stream().map(h -> h.getPosition().getLine()).toList());
            var second = client.server.getTextDocumentService().inlayHint(new org.eclipse.lsp4j.InlayHintParams(
                    new TextDocumentIdentifier(URI), new Range(new Position(9, 0), new Position(11, 0))))
                    .get(10, TimeUnit.SECONDS);
            assertEquals(List.of(10), second.stream().map(h -> h.getPosition().getLine()).toList());
        }
    }
}
