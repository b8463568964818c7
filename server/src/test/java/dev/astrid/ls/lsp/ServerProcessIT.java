package dev.astrid.ls.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.astrid.ls.rules.PermissionShapeRule;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.junit.jupiter.api.Test;

/** The packaged jar as an editor runs it: a separate process speaking LSP on stdio. */
class ServerProcessIT {
    static final Path JAR = Path.of(System.getProperty("astrid.jar", "target/astrid-pack-ls.jar"));

    static Process start() throws IOException {
        return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                JAR.toString()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    }

    static void send(OutputStream out, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        out.write(("Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(body);
        out.flush();
    }

    @Test
    void stdoutCarriesOnlyJsonRpcAndShutdownExitIsClean() throws Exception {
        Process p = start();
        OutputStream in = p.getOutputStream();
        send(in, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"processId\":null,"
                + "\"rootUri\":null,\"capabilities\":{}}}");
        send(in, "{\"jsonrpc\":\"2.0\",\"method\":\"initialized\",\"params\":{}}");
        send(in, "{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/didOpen\",\"params\":{\"textDocument\":{\"uri\":"
                + "\"file:///w/demo/pack.yaml\",\"languageId\":\"yaml\",\"version\":1,\"text\":\"schema_version: 1\\n"
                + "id: demo\\nname: Demo\\nversion: 1.0.0\\npermissions:\\n  - id: gpu\\n\"}}}");
        Thread.sleep(1500);
        send(in, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"shutdown\"}");
        send(in, "{\"jsonrpc\":\"2.0\",\"method\":\"exit\"}");
        assertTrue(p.waitFor(20, TimeUnit.SECONDS), "server exits after exit");
        assertEquals(0, p.exitValue());

        List<String> messages = frames(p.getInputStream());
        assertTrue(messages.size() >= 3, "initialize result, diagnostics, shutdown result: " + messages);
        assertTrue(messages.get(0).contains("\"id\":1") && messages.get(0).contains("capabilities"));
        assertTrue(messages.stream().anyMatch(m -> m.contains("publishDiagnostics") && m.contains(PermissionShapeRule.UNKNOWN_ID.id())));
        assertTrue(messages.stream().anyMatch(m -> m.contains("\"id\":2")));
    }

    /** Splits stdout into LSP frames, failing on any byte that is not part of one. */
    static List<String> frames(InputStream stdout) throws IOException {
        byte[] all = stdout.readAllBytes();
        List<String> out = new ArrayList<>();
        int i = 0;
        Pattern header = Pattern.compile("Content-Length: (\\d+)\r\n(?:[^\r\n]+\r\n)*\r\n");
        String ascii = new String(all, StandardCharsets.ISO_8859_1);
        while (i < all.length) {
            Matcher m = header.matcher(ascii);
            m.region(i, ascii.length());
            assertTrue(m.lookingAt(), "stray bytes on stdout at " + i + ": " + ascii.substring(i, Math.min(ascii.length(), i + 80)));
            int length = Integer.parseInt(m.group(1));
            out.add(new String(all, m.end(), length, StandardCharsets.UTF_8));
            i = m.end() + length;
        }
        return out;
    }

    @Test
    void exitsWhenTheEditorProcessDies() throws Exception {
        Process editor = new ProcessBuilder("sleep", "600").start();
        Process p = start();
        try (LspClient client = LspClient.over(p.getInputStream(), p.getOutputStream())) {
            client.initialize(editor.pid());
            client.open("file:///w/demo/pack.yaml", 1, "schema_version: 1\nid: demo\nname: Demo\nversion: 1.0.0\n"
                    + "permissions:\n  - id: network\n    reason: Calls api.openai.com\n");
            var hover = client.server.getTextDocumentService().hover(new HoverParams(
                    new TextDocumentIdentifier("file:///w/demo/pack.yaml"), new Position(5, 9))).get(20, TimeUnit.SECONDS);
            assertTrue(hover.getContents().getRight().getValue().contains("disclosure only"));
            editor.destroyForcibly();
            assertTrue(p.waitFor(20, TimeUnit.SECONDS), "server exits when its editor dies");
        } finally {
            p.destroyForcibly();
        }
    }

    @Test
    void exitsWhenStdinCloses() throws Exception {
        Process p = start();
        p.getOutputStream().close();
        assertTrue(p.waitFor(20, TimeUnit.SECONDS));
        new ByteArrayOutputStream().writeBytes(p.getInputStream().readAllBytes());
    }
}
