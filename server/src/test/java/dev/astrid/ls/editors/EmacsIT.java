package dev.astrid.ls.editors;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Emacs with Eglot (built in from Emacs 29, elpa-eglot on 28) through the distribution's launcher, in batch
 * mode: src/test/editors/emacs/e2e.el. Skipped like a missing editor when Eglot is not installed.
 */
class EmacsIT {
    @Test
    void eglotShowsDiagnosticsHoverCompletionAndTheTrustSummary(@TempDir Path dir) throws Exception {
        Path emacs = EditorRun.onPath("emacs");
        EditorRun.assertEditorSaw(EditorRun.run(dir, emacs.toString(), "--batch", "-l",
                EditorRun.EDITORS.resolve("emacs/e2e.el").toString()));
    }
}
