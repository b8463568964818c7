package dev.astrid.ls.core;

/** Lets long work stop early when the client has moved on; throws to abandon. */
@FunctionalInterface
public interface CancelChecker {
    CancelChecker NEVER = () -> {};

    void checkCanceled();
}
