package dev.astrid.ls.lsp;

import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.jsonrpc.RemoteEndpoint;
import org.eclipse.lsp4j.jsonrpc.json.MessageJsonHandler;
import org.eclipse.lsp4j.jsonrpc.json.StreamMessageConsumer;
import org.eclipse.lsp4j.jsonrpc.services.ServiceEndpoints;
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
        // A JVM error no boundary caught (out of memory outside a check) leaves the server in an
        // unknown state: exit, so that the editor starts a fresh one.
        Thread.setDefaultUncaughtExceptionHandler((thread, e) -> {
            System.err.println("astrid-pack-ls: " + e + " on thread " + thread.getName());
            if (e instanceof VirtualMachineError) {
                System.exit(1);
            }
        });
        Future<Void> listening = launch(in, out, new AstridLanguageServer());
        try {
            listening.get();
        } catch (ExecutionException e) {
            System.err.println("astrid-pack-ls: " + e.getCause() + "; exiting so that the editor starts a fresh server");
            System.exit(1);
        }
        // The client closed our stdin: nothing more can arrive, so stop.
        System.exit(0);
    }

    /**
     * Connects a server to a pair of streams; returns the listening future, done when input ends
     * and failed when the client breaks the framing. Requests pass the server's {@link Lifecycle}.
     */
    public static Future<Void> launch(InputStream in, OutputStream out, AstridLanguageServer server) {
        ExecutorService messages = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "astrid-jsonrpc");
            t.setDaemon(true);
            return t;
        });
        Framing framing = new Framing(in);
        Launcher<LanguageClient> launcher = new LSPLauncher.Builder<LanguageClient>() {
                    @Override
                    protected RemoteEndpoint createRemoteEndpoint(MessageJsonHandler jsonHandler) {
                        // as LSP4J builds it, with the lifecycle in front of the services
                        RemoteEndpoint endpoint = new RemoteEndpoint(wrapMessageConsumer(new StreamMessageConsumer(
                                output, jsonHandler)), new Lifecycle(ServiceEndpoints.toEndpoint(localServices),
                                server::answers), exceptionHandler);
                        jsonHandler.setMethodProvider(endpoint);
                        endpoint.setJsonHandler(jsonHandler);
                        return endpoint;
                    }
                }
                .setLocalService(server)
                .setRemoteInterface(LanguageClient.class)
                .setInput(framing)
                .setOutput(out)
                .setExecutorService(messages)
                .setExceptionHandler(Lifecycle::errorFor)
                .create();
        server.connect(launcher.getRemoteProxy());
        Future<Void> listening = launcher.startListening();
        return CompletableFuture.runAsync(() -> {
            try {
                listening.get();
            } catch (ExecutionException | InterruptedException e) {
                throw new CompletionException(e);
            }
            if (framing.fault() != null) {
                throw new CompletionException(framing.fault());
            }
        }, messages);
    }
}
