package dev.astrid.ls.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * LSP's base protocol on a raw stream ({@code Content-Length} header, blank line, JSON body), for
 * the tests and benchmarks that talk to a server process byte by byte rather than through LSP4J.
 */
public final class LspFrames {
    private LspFrames() {}

    public static void write(OutputStream out, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        synchronized (out) {
            out.write(("Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
        }
    }

    /** The next message's body, or null at the end of the stream. Throws on a malformed header. */
    public static String read(InputStream in) throws IOException {
        ByteArrayOutputStream header = new ByteArrayOutputStream();
        int length = -1;
        while (true) {
            String line = line(in, header);
            if (line == null) {
                if (header.size() == 0) {
                    return null;
                }
                throw new IOException("the stream ended inside a header: " + header);
            }
            if (line.isEmpty()) {
                break;
            }
            String lower = line.toLowerCase(Locale.ROOT);
            if (lower.startsWith("content-length:")) {
                length = Integer.parseInt(lower.substring("content-length:".length()).strip());
            }
        }
        if (length < 0) {
            throw new IOException("a header without Content-Length: " + header);
        }
        byte[] body = in.readNBytes(length);
        if (body.length < length) {
            throw new IOException("the stream ended inside a body");
        }
        return new String(body, StandardCharsets.UTF_8);
    }

    /** Every message in a stream that must hold nothing but messages (a server's whole stdout). */
    public static List<String> readAll(InputStream in) throws IOException {
        List<String> out = new ArrayList<>();
        for (String m = read(in); m != null; m = read(in)) {
            out.add(m);
        }
        return out;
    }

    /** One header line without its CRLF; null at the end of the stream. Anything but CRLF endings is an error. */
    private static String line(InputStream in, ByteArrayOutputStream header) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) >= 0) {
            header.write(c);
            if (c == '\r') {
                if (in.read() != '\n') {
                    throw new IOException("a header line not ended by CRLF: " + header);
                }
                return line.toString(StandardCharsets.US_ASCII);
            }
            if (c == '\n' || line.size() > 1024) {
                throw new IOException("stray bytes where a header should be: " + header);
            }
            line.write(c);
        }
        return line.size() == 0 ? null : line.toString(StandardCharsets.US_ASCII);
    }
}
