package dev.astrid.ls.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.astrid.ls.workspace.Workspace;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Start-up warm-up runs every request on its own scratch manifest and leaves the workspace as it was. */
class WarmUpTest {
    @Test
    void warmingUpTouchesNothingOfTheWorkspace() {
        Workspace workspace = new Workspace();
        new LanguageService(workspace).warmUp();
        assertEquals(Set.of(), workspace.openUris());
    }
}
