package dev.astrid.ls.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Requests on a slow document wait for each other, never for it; the other documents' requests go on. */
class PerDocumentTest {
    @Test
    void twoSlowRequestsOnOneDocumentLeaveAThreadForTheOthers() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            PerDocument requests = new PerDocument(pool);
            CountDownLatch release = new CountDownLatch(1);
            AtomicInteger running = new AtomicInteger();
            AtomicInteger most = new AtomicInteger();
            List<String> order = new CopyOnWriteArrayList<>();
            for (int i = 0; i < 2; i++) { // two code actions on a pathological file
                int n = i;
                CompletableFuture.runAsync(() -> {
                    most.accumulateAndGet(running.incrementAndGet(), Math::max);
                    try {
                        release.await(10, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    order.add("slow" + n);
                    running.decrementAndGet();
                }, requests.of("file:///slow/pack.yaml"));
            }
            String hover = CompletableFuture.supplyAsync(() -> "hover", requests.of("file:///other/pack.yaml"))
                    .get(2, TimeUnit.SECONDS);
            assertEquals("hover", hover, "answered while the slow document is busy");
            release.countDown();
            CompletableFuture.runAsync(() -> { }, requests.of("file:///slow/pack.yaml")).get(5, TimeUnit.SECONDS);
            assertEquals(List.of("slow0", "slow1"), order, "in order");
            assertEquals(1, most.get(), "one thread per document");
            assertTrue(running.get() == 0);
        } finally {
            pool.shutdownNow();
        }
    }
}
