package dev.astrid.ls.service;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;

import org.junit.jupiter.api.Test;

/** The start-up warm-up runs every request on its scratch manifest; a request that fails there fails here. */
class WarmUpTest {
    @Test
    void warmingUpRunsEveryRequest() {
        assertDoesNotThrow(LanguageService::warmUp);
    }
}
