package dev.astrid.ls.lsp;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Predicate;
import org.eclipse.lsp4j.jsonrpc.Endpoint;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseError;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseErrorCode;

/**
 * LSP's lifecycle in front of the services: before {@code initialize} requests get
 * ServerNotInitialized (-32002) and notifications other than {@code exit} are dropped; after
 * {@code shutdown} requests get InvalidRequest; a method the server does not answer (not
 * implemented, or not advertised to this client) gets MethodNotFound (-32601).
 */
final class Lifecycle implements Endpoint {
    private enum State { NEW, RUNNING, SHUT_DOWN }

    private final Endpoint services;
    private final Predicate<String> answers;
    private volatile State state = State.NEW;

    /** {@code answers}: whether a method is implemented, and for a request also advertised. */
    Lifecycle(Endpoint services, Predicate<String> answers) {
        this.services = services;
        this.answers = answers;
    }

    @Override
    public CompletableFuture<?> request(String method, Object parameter) {
        if (method.equals("initialize")) {
            if (state != State.NEW) {
                return error(ResponseErrorCode.InvalidRequest, "initialize was already called");
            }
            state = State.RUNNING;
            return services.request(method, parameter);
        }
        if (state == State.NEW) {
            return error(ResponseErrorCode.ServerNotInitialized, "The server is not initialized: send initialize first");
        }
        if (state == State.SHUT_DOWN) {
            return error(ResponseErrorCode.InvalidRequest, "The server is shut down: only exit is accepted");
        }
        if (method.equals("shutdown")) {
            state = State.SHUT_DOWN;
            return services.request(method, parameter);
        }
        if (!answers.test(method)) {
            return error(ResponseErrorCode.MethodNotFound, "Unsupported method: " + method);
        }
        return services.request(method, parameter);
    }

    /** Notifications the server does not handle are dropped, as LSP asks; so is all but exit outside RUNNING. */
    @Override
    public void notify(String method, Object parameter) {
        if (method.equals("exit") || (state == State.RUNNING && answers.test(method))) {
            services.notify(method, parameter);
        }
    }

    private static CompletableFuture<?> error(ResponseErrorCode code, String message) {
        return CompletableFuture.failedFuture(new ResponseErrorException(new ResponseError(code, message, null)));
    }

    /**
     * The error a client gets when a request fails: its own error when it has one, MethodNotFound
     * for a method the services do not implement, else InternalError with the exception's name,
     * never its stack trace (that goes to the log).
     */
    static ResponseError errorFor(Throwable thrown) {
        Throwable t = thrown;
        while ((t instanceof CompletionException || t instanceof java.lang.reflect.InvocationTargetException)
                && t.getCause() != null) {
            t = t.getCause();
        }
        if (t instanceof ResponseErrorException e) {
            return e.getResponseError();
        }
        if (t instanceof UnsupportedOperationException) {
            return new ResponseError(ResponseErrorCode.MethodNotFound, "Unsupported method", null);
        }
        System.err.println("astrid-pack-ls: a request failed: " + t);
        if (!(t instanceof OutOfMemoryError)) {
            t.printStackTrace();
        }
        return new ResponseError(ResponseErrorCode.InternalError, "Internal error (" + t.getClass().getSimpleName()
                + "); the server log has the details", null);
    }
}
