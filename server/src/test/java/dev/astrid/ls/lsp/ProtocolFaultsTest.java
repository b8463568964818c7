package dev.astrid.ls.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.astrid.ls.testkit.LspFrames;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Raw JSON-RPC abuse: the server answers with proper LSP errors and keeps serving. */
class ProtocolFaultsTest {
    final Pipe toServer = new Pipe();
    final Pipe toClient = new Pipe();
    final BlockingQueue<JsonObject> received = new LinkedBlockingQueue<>();
    final Future<Void> listening;

    ProtocolFaultsTest() {
        listening = ServerLauncher.launch(toServer.in, toClient.out, new AstridLanguageServer(code -> { }));
        Thread reader = new Thread(() -> read(toClient.in), "raw-reader");
        reader.setDaemon(true);
        reader.start();
    }

    void read(InputStream in) {
        try {
            for (String body = LspFrames.read(in); body != null; body = LspFrames.read(in)) {
                received.add(JsonParser.parseString(body).getAsJsonObject());
            }
        } catch (IOException e) {
            // stream closed
        }
    }

    void send(String json) throws IOException {
        LspFrames.write(toServer.out, json);
    }

    void sendRaw(byte[] bytes) throws IOException {
        OutputStream out = toServer.out;
        out.write(bytes);
        out.flush();
    }

    JsonObject response(int id) throws InterruptedException {
        while (true) {
            JsonObject m = received.poll(20, TimeUnit.SECONDS);
            if (m == null) {
                throw new AssertionError("no response to request " + id);
            }
            if (m.has("id") && m.get("id").getAsInt() == id) {
                return m;
            }
        }
    }

    @Test
    void garbageUnknownMethodsAndClosedDocumentsDoNotStopTheServer() throws Exception {
        send("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"processId\":null,\"capabilities\":{}}}");
        assertTrue(response(1).has("result"));
        send("{\"jsonrpc\":\"2.0\",\"method\":\"initialized\",\"params\":{}}");

        send("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"astrid/doesNotExist\",\"params\":{}}");
        assertEquals(-32601, response(2).getAsJsonObject("error").get("code").getAsInt(), "method not found");
        send("{\"jsonrpc\":\"2.0\",\"method\":\"astrid/unknownNotification\",\"params\":{}}");

        send("{this is not json");
        send("{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"textDocument/hover\",\"params\":{\"textDocument\":"
                + "{\"uri\":\"file:///nowhere/pack.yaml\"},\"position\":{\"line\":0,\"character\":0}}}");
        assertTrue(response(3).get("result").isJsonNull(), "hover on a document that is not open: null");

        send("{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/didChange\",\"params\":{\"textDocument\":{\"uri\":"
                + "\"file:///nowhere/pack.yaml\",\"version\":2},\"contentChanges\":[{\"text\":\"x\"}]}}");
        send("{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/didOpen\",\"params\":{\"textDocument\":{\"uri\":"
                + "\"file:///w/demo/pack.yaml\",\"languageId\":\"yaml\",\"version\":1,\"text\":\"schema_version: 1\\n"
                + "id: demo\\nname: Demo\\nversion: 1.0.0\\npermissions:\\n  - id: network\\n    reason: Calls api.x.com\\n\"}}}");
        send("{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/didChange\",\"params\":{\"textDocument\":{\"uri\":"
                + "\"file:///w/demo/pack.yaml\",\"version\":2},\"contentChanges\":[{\"range\":{\"start\":{\"line\":900,"
                + "\"character\":900},\"end\":{\"line\":-1,\"character\":-5}},\"text\":\"\\n# tail\"}]}}");

        for (int i = 100; i < 300; i++) {
            send("{\"jsonrpc\":\"2.0\",\"id\":" + i + ",\"method\":\"textDocument/completion\",\"params\":{\"textDocument\":"
                    + "{\"uri\":\"file:///w/demo/pack.yaml\"},\"position\":{\"line\":5,\"character\":10}}}");
            send("{\"jsonrpc\":\"2.0\",\"method\":\"$/cancelRequest\",\"params\":{\"id\":" + i + "}}");
        }
        send("{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"textDocument/hover\",\"params\":{\"textDocument\":"
                + "{\"uri\":\"file:///w/demo/pack.yaml\"},\"position\":{\"line\":5,\"character\":10}}}");
        JsonObject hover = response(4);
        assertTrue(hover.getAsJsonObject("result").toString().contains("disclosure only"), hover.toString());

        send("{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"shutdown\"}");
        assertTrue(response(5).has("result"));
    }

    JsonObject error(int id) throws InterruptedException {
        JsonObject r = response(id);
        assertTrue(r.has("error"), r.toString());
        return r.getAsJsonObject("error");
    }

    void initialize() throws Exception {
        send("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"processId\":null,\"capabilities\":{}}}");
        assertTrue(response(1).has("result"));
        send("{\"jsonrpc\":\"2.0\",\"method\":\"initialized\",\"params\":{}}");
    }

    static final String HOVER = "\"method\":\"textDocument/hover\",\"params\":{\"textDocument\":{\"uri\":"
            + "\"file:///w/demo/pack.yaml\"},\"position\":{\"line\":0,\"character\":0}}}";

    @Test
    void requestsBeforeInitializeAndAfterShutdownAreRefusedAsLspSays() throws Exception {
        send("{\"jsonrpc\":\"2.0\",\"id\":7," + HOVER);
        assertEquals(-32002, error(7).get("code").getAsInt(), "ServerNotInitialized");
        send("{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/didOpen\",\"params\":{\"textDocument\":{\"uri\":"
                + "\"file:///w/demo/pack.yaml\",\"languageId\":\"yaml\",\"version\":1,\"text\":\"id: [\"}}}");
        initialize();
        send("{\"jsonrpc\":\"2.0\",\"id\":8," + HOVER);
        assertTrue(response(8).get("result").isJsonNull(), "the didOpen before initialize was dropped");
        send("{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"initialize\",\"params\":{\"processId\":null,\"capabilities\":{}}}");
        assertEquals(-32600, error(9).get("code").getAsInt(), "initialize twice: InvalidRequest");
        send("{\"jsonrpc\":\"2.0\",\"id\":10,\"method\":\"shutdown\"}");
        assertTrue(response(10).has("result"));
        send("{\"jsonrpc\":\"2.0\",\"id\":11," + HOVER);
        assertEquals(-32600, error(11).get("code").getAsInt(), "after shutdown: InvalidRequest");
    }

    @Test
    void methodsNotImplementedOrNotAdvertisedAreMethodNotFoundWithoutAStackTrace() throws Exception {
        initialize();
        // declared by LSP4J's interfaces, not implemented here
        send("{\"jsonrpc\":\"2.0\",\"id\":20,\"method\":\"textDocument/implementation\",\"params\":{\"textDocument\":"
                + "{\"uri\":\"file:///w/demo/pack.yaml\"},\"position\":{\"line\":0,\"character\":0}}}");
        JsonObject implementation = error(20);
        assertEquals(-32601, implementation.get("code").getAsInt(), implementation.toString());
        assertTrue(!implementation.has("data") && !implementation.toString().contains("at org."), "no stack trace: " + implementation);
        // implemented, but pull diagnostics were not offered to this client (it did not declare them)
        send("{\"jsonrpc\":\"2.0\",\"id\":21,\"method\":\"textDocument/diagnostic\",\"params\":{\"textDocument\":"
                + "{\"uri\":\"file:///w/demo/pack.yaml\"}}}");
        assertEquals(-32601, error(21).get("code").getAsInt());
        send("{\"jsonrpc\":\"2.0\",\"id\":22,\"method\":\"codeAction/resolve\",\"params\":{\"title\":\"x\"}}");
        assertEquals(-32601, error(22).get("code").getAsInt(), "resolve was not offered to this client");
        send("{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/willSave\",\"params\":{\"textDocument\":"
                + "{\"uri\":\"file:///w/demo/pack.yaml\"},\"reason\":1}}");
        send("{\"jsonrpc\":\"2.0\",\"id\":23," + HOVER);
        assertTrue(response(23).has("result"), "still serving");
    }

    /** A framing the server cannot resynchronise after: it must end, so that the editor restarts it. */
    void assertFramingFaultEndsTheServer(byte[] bytes) throws Exception {
        initialize();
        sendRaw(bytes);
        try {
            listening.get(20, TimeUnit.SECONDS);
            throw new AssertionError("the server kept listening after a broken frame");
        } catch (ExecutionException expected) {
            assertTrue(String.valueOf(expected.getCause()).contains("malformed LSP message"), expected.toString());
        }
    }

    static byte[] ascii(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    void aMissingContentLengthEndsTheServer() throws Exception {
        assertFramingFaultEndsTheServer(ascii("Content-Type: application/vscode-jsonrpc\r\n\r\n{\"jsonrpc\":\"2.0\"}"));
    }

    @Test
    void aNegativeContentLengthEndsTheServer() throws Exception {
        assertFramingFaultEndsTheServer(ascii("Content-Length: -5\r\n\r\n{}"));
    }

    @Test
    void aNonNumericContentLengthEndsTheServer() throws Exception {
        assertFramingFaultEndsTheServer(ascii("Content-Length: twelve\r\n\r\n{}"));
    }

    @Test
    void aContentLengthTooShortEndsTheServerAtTheNextMessage() throws Exception {
        String body = "{\"jsonrpc\":\"2.0\",\"id\":30," + HOVER;
        String next = "{\"jsonrpc\":\"2.0\",\"id\":31," + HOVER;
        assertFramingFaultEndsTheServer(ascii("Content-Length: 20\r\n\r\n" + body + "Content-Length: "
                + next.length() + "\r\n\r\n" + next));
    }
}
