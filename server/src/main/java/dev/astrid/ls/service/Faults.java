package dev.astrid.ls.service;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Bugs caught at a boundary so one failing rule cannot take the other diagnostics with it. They
 * go to stderr (the editor's server log), and are counted so the fuzz tests can insist on zero.
 */
public final class Faults {
    private static final AtomicLong COUNT = new AtomicLong();

    private Faults() {}

    static void rule(String rule, String uri, RuntimeException e) {
        COUNT.incrementAndGet();
        System.err.println("astrid-pack-ls: rule " + rule + " failed on " + uri + ": " + e);
    }

    public static long count() {
        return COUNT.get();
    }
}
