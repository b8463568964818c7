package dev.astrid.ls.service;

/** Lets long work stop early when the client has moved on; throws to abandon. */
@FunctionalInterface
public interface CancelChecker {
    CancelChecker NEVER = () -> {};

    void checkCanceled();
}
