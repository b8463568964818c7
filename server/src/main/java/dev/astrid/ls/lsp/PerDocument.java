package dev.astrid.ls.lsp;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executor;

/**
 * Runs tasks on a shared pool, in order and one at a time per document: a document never holds
 * more than one of the pool's threads, so a slow one cannot starve the others. After each task the
 * document's next one goes to the back of the pool's queue, behind the other documents' work.
 */
final class PerDocument {
    private final Executor pool;
    /** Documents with a task running, and what waits behind it; guarded by itself. */
    private final Map<String, ArrayDeque<Runnable>> queues = new HashMap<>();

    PerDocument(Executor pool) {
        this.pool = pool;
    }

    /** An executor for one document's tasks. */
    Executor of(String document) {
        return task -> execute(document, task);
    }

    private void execute(String document, Runnable task) {
        synchronized (queues) {
            ArrayDeque<Runnable> waiting = queues.get(document);
            if (waiting != null) {
                waiting.add(task);
                return;
            }
            queues.put(document, new ArrayDeque<>());
        }
        pool.execute(() -> run(document, task));
    }

    private void run(String document, Runnable task) {
        try {
            task.run();
        } finally {
            Runnable next;
            synchronized (queues) {
                next = queues.get(document).poll();
                if (next == null) {
                    queues.remove(document);
                }
            }
            if (next != null) {
                pool.execute(() -> run(document, next));
            }
        }
    }
}
