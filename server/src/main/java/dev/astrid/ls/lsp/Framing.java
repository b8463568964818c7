package dev.astrid.ls.lsp;

import dev.astrid.ls.model.Strings;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * LSP's base protocol, checked on the way in: header lines of the form {@code Name: value} ended
 * by CRLF, a {@code Content-Length} that is a plain non-negative number within bounds, then exactly
 * that many bytes. A stream that breaks the framing (a missing, negative, non-numeric or too short
 * length) cannot be resynchronised, so instead of leaving the server deaf it fails with an
 * {@link IOException}: the server exits and the editor starts a fresh one.
 */
final class Framing extends FilterInputStream {
    /** Far above any document an editor sends, far below what would exhaust the heap. */
    static final int MAX_CONTENT_LENGTH = 256 * 1024 * 1024;
    private static final int MAX_HEADER_LINE = 1024;

    private final StringBuilder line = new StringBuilder();
    private long contentLength = -1;
    /** Body bytes still to pass through; -1 while reading headers. */
    private long body = -1;
    private boolean cr;
    private volatile IOException fault;

    Framing(InputStream in) {
        super(in);
    }

    @Override
    public int read() throws IOException {
        if (body > 0) {
            int b = super.read();
            if (b >= 0 && --body == 0) {
                body = -1;
            }
            return b;
        }
        int b = super.read();
        if (b >= 0) {
            header(b);
        } else if (line.length() > 0 || contentLength >= 0) {
            throw fault("the stream ended inside a header");
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        if (body > 0) {
            int n = super.read(buffer, offset, (int) Math.min(length, body));
            if (n > 0 && (body -= n) == 0) {
                body = -1;
            }
            return n;
        }
        int b = read();
        if (b < 0) {
            return -1;
        }
        buffer[offset] = (byte) b;
        return 1;
    }

    /** One header byte: lines are checked when they end, the blank line starts the body. */
    private void header(int b) throws IOException {
        if (cr) {
            cr = false;
            if (b != '\n') {
                throw fault("a header line not ended by CRLF");
            }
            if (line.length() == 0) {
                if (contentLength < 0) {
                    throw fault("a message without Content-Length");
                }
                body = contentLength == 0 ? -1 : contentLength;
                contentLength = -1;
            } else {
                field(line.toString());
                line.setLength(0);
            }
        } else if (b == '\r') {
            cr = true;
        } else if (b == '\n' || line.length() >= MAX_HEADER_LINE) {
            throw fault("stray bytes where a header should be: '" + line + "'");
        } else {
            line.append((char) b);
        }
    }

    private void field(String header) throws IOException {
        int colon = header.indexOf(':');
        String name = colon < 0 ? header : header.substring(0, colon);
        if (colon <= 0 || !name.chars().allMatch(c -> c == '-' || Character.isLetterOrDigit(c))) {
            throw fault("not a header: '" + header + "' (the previous Content-Length was too short?)");
        }
        if (name.equalsIgnoreCase("Content-Length")) {
            String value = header.substring(colon + 1).strip();
            if (!value.matches("[0-9]{1,10}") || Long.parseLong(value) > MAX_CONTENT_LENGTH) {
                throw fault("a Content-Length that is not a length: '" + value + "'");
            }
            contentLength = Long.parseLong(value);
        }
    }

    private IOException fault(String what) {
        fault = new IOException("malformed LSP message: " + Strings.printable(Strings.shorten(what)));
        return fault;
    }

    /** Why the stream was refused, or null while it is well formed (LSP4J only logs the exception). */
    IOException fault() {
        return fault;
    }
}
