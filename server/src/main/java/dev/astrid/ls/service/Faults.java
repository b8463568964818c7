package dev.astrid.ls.service;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Bugs caught at a boundary so one failing rule cannot take the other diagnostics with it. They
 * go to stderr (the editor's server log), and are counted so the fuzz tests can insist on zero.
 */
public final class Faults {
    private static final AtomicLong COUNT = new AtomicLong();

    private Faults() {}

    static void rule(String rule, String uri, Throwable e) {
        COUNT.incrementAndGet();
        System.err.println("astrid-pack-ls: rule " + rule + " failed on " + uri + ": " + e);
        if (!(e instanceof OutOfMemoryError)) {
            e.printStackTrace();
        }
    }

    /** Reading or parsing a file failed (out of memory, a bug): it is reported as not checked. */
    static void check(String uri, Throwable e) {
        COUNT.incrementAndGet();
        System.err.println("astrid-pack-ls: could not check " + uri + ": " + e);
        if (!(e instanceof OutOfMemoryError)) {
            e.printStackTrace();
        }
    }

    public static long count() {
        return COUNT.get();
    }
}
