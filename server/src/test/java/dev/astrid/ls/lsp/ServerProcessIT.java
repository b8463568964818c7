package dev.astrid.ls.lsp;

import static dev.astrid.ls.ManifestAssert.PACK_HEAD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.astrid.ls.rules.PermissionShapeRule;
import dev.astrid.ls.testkit.LspFrames;
import dev.astrid.ls.testkit.Sandbox;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.junit.jupiter.api.Test;

/** The packaged jar as an editor runs it: a separate process speaking LSP on stdio. */
class ServerProcessIT {
    static final Path JAR = Path.of(System.getProperty("astrid.jar", "target/astrid-pack-ls.jar"));

    static Process start() throws IOException {
        return new ProcessBuilder(Sandbox.command(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-XX:-UsePerfData", "-jar", JAR.toString()))).redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
    }

    @Test
    void stdoutCarriesOnlyJsonRpcAndShutdownExitIsClean() throws Exception {
        Process p = start();
        OutputStream in = p.getOutputStream();
        LspFrames.write(in, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"processId\":null,"
                + "\"rootUri\":null,\"capabilities\":{}}}");
        LspFrames.write(in, "{\"jsonrpc\":\"2.0\",\"method\":\"initialized\",\"params\":{}}");
        LspFrames.write(in, "{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/didOpen\",\"params\":{\"textDocument\":{\"uri\":"
                + "\"file:///w/demo/pack.yaml\",\"languageId\":\"yaml\",\"version\":1,\"text\":\"schema_version: 1\\n"
                + "id: demo\\nname: Demo\\nversion: 1.0.0\\npermissions:\\n  - id: gpu\\n\"}}}");
        Thread.sleep(1500);
        LspFrames.write(in, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"shutdown\"}");
        LspFrames.write(in, "{\"jsonrpc\":\"2.0\",\"method\":\"exit\"}");
        assertTrue(p.waitFor(20, TimeUnit.SECONDS), "server exits after exit");
        assertEquals(0, p.exitValue());

        List<String> messages = LspFrames.readAll(p.getInputStream()); // fails on any stray byte
        assertTrue(messages.size() >= 3, "initialize result, diagnostics, shutdown result: " + messages);
        assertTrue(messages.get(0).contains("\"id\":1") && messages.get(0).contains("capabilities"));
        assertTrue(messages.stream().anyMatch(m -> m.contains("publishDiagnostics") && m.contains(PermissionShapeRule.UNKNOWN_ID.id())));
        assertTrue(messages.stream().anyMatch(m -> m.contains("\"id\":2")));
    }

    @Test
    void exitsWhenTheEditorProcessDies() throws Exception {
        Process editor = new ProcessBuilder("sleep", "600").start();
        Process p = start();
        try (LspClient client = LspClient.over(p.getInputStream(), p.getOutputStream())) {
            client.initialize(editor.pid());
            client.open("file:///w/demo/pack.yaml", 1, PACK_HEAD
                    + "permissions:\n  - id: network\n    reason: Calls api.openai.com\n");
            var hover = client.server.getTextDocumentService().hover(new HoverParams(
                    new TextDocumentIdentifier("file:///w/demo/pack.yaml"), new Position(5, 9))).get(20, TimeUnit.SECONDS);
            assertTrue(hover.getContents().getRight().getValue().contains("disclosure only"));
            editor.destroyForcibly();
            assertTrue(p.waitFor(20, TimeUnit.SECONDS), "server exits when its editor dies");
            assertEquals(1, p.exitValue(), "no shutdown was asked for: exit code 1, as LSP says");
        } finally {
            p.destroyForcibly();
        }
    }

    @Test
    void exitsWhenStdinCloses() throws Exception {
        Process p = start();
        p.getOutputStream().close();
        assertTrue(p.waitFor(20, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue());
        assertEquals(List.of(), LspFrames.readAll(p.getInputStream()), "nothing was asked, so nothing is said");
    }

    @Test
    void aBrokenFrameEndsTheProcessWithAnErrorSoThatTheEditorRestartsIt() throws Exception {
        Process p = start();
        OutputStream in = p.getOutputStream();
        LspFrames.write(in, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"processId\":null,"
                + "\"capabilities\":{}}}");
        in.write("Content-Length: -1\r\n\r\n{}".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        in.flush();
        assertTrue(p.waitFor(20, TimeUnit.SECONDS), "the server exits instead of going deaf");
        assertEquals(1, p.exitValue());
    }
}
