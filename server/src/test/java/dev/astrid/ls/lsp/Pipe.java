package dev.astrid.ls.lsp;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * An in-memory byte pipe for tests. Unlike {@link java.io.PipedInputStream} it does not break
 * when a thread that once wrote to it ends (the server writes from short-lived threads too).
 */
final class Pipe {
    private byte[] buffer = new byte[1 << 16];
    private int start;
    private int end;
    private boolean closed;

    final InputStream in = new InputStream() {
        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            synchronized (Pipe.this) {
                while (start == end && !closed) {
                    try {
                        Pipe.this.wait();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IOException(e);
                    }
                }
                if (start == end) {
                    return -1;
                }
                int n = Math.min(len, end - start);
                System.arraycopy(buffer, start, b, off, n);
                start += n;
                return n;
            }
        }
    };

    final OutputStream out = new OutputStream() {
        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            synchronized (Pipe.this) {
                if (end + len > buffer.length) {
                    byte[] bigger = new byte[Math.max(buffer.length, (end - start + len) * 2)];
                    System.arraycopy(buffer, start, bigger, 0, end - start);
                    end -= start;
                    start = 0;
                    buffer = bigger;
                }
                System.arraycopy(b, off, buffer, end, len);
                end += len;
                Pipe.this.notifyAll();
            }
        }

        @Override
        public void close() {
            synchronized (Pipe.this) {
                closed = true;
                Pipe.this.notifyAll();
            }
        }
    };
}
