package dev.astrid.ls.lsp;

import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.launch.LSPLauncher;
import org.eclipse.lsp4j.services.LanguageClient;

/** Starts the server on stdio. */
public final class ServerLauncher {
    private ServerLauncher() {}

    public static void launchOnStdio() throws Exception {
        InputStream in = System.in;
        PrintStream out = System.out;
        // stdout carries JSON-RPC: anything else printing to it would corrupt the stream.
        System.setOut(System.err);
        Future<Void> listening = launch(in, out, new AstridLanguageServer());
        listening.get();
        // The client closed our stdin: nothing more can arrive, so stop.
        System.exit(0);
    }

    /** Connects a server to a pair of streams; returns the listening future (done when input ends). */
    public static Future<Void> launch(InputStream in, OutputStream out, AstridLanguageServer server) {
        ExecutorService messages = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "astrid-jsonrpc");
            t.setDaemon(true);
            return t;
        });
        Launcher<LanguageClient> launcher = new LSPLauncher.Builder<LanguageClient>()
                .setLocalService(server)
                .setRemoteInterface(LanguageClient.class)
                .setInput(in)
                .setOutput(out)
                .setExecutorService(messages)
                .create();
        server.connect(launcher.getRemoteProxy());
        return launcher.startListening();
    }
}
