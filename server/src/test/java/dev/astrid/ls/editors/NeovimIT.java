package dev.astrid.ls.editors;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonObject;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Neovim's built-in LSP client (0.7+) through the distribution's launcher: src/test/editors/neovim/e2e.lua. */
class NeovimIT {
    @Test
    void neovimShowsDiagnosticsHoverCompletionTheTrustSummaryAndRenames(@TempDir Path dir) throws Exception {
        Path nvim = EditorRun.onPath("nvim");
        JsonObject result = EditorRun.run(dir, nvim.toString(), "--headless", "-u", "NONE", "-i", "NONE", "-n",
                "-c", "luafile " + EditorRun.EDITORS.resolve("neovim/e2e.lua").toString().replace(" ", "\\ "));
        assertEquals("  - name: OPENAI_API_KEY", result.get("renamed").getAsString(), "vim.lsp.buf.rename in pack.yaml");
        assertEquals("  secrets_required: [OPENAI_API_KEY]", result.get("renamed_executor").getAsString(),
                "and in the executor, which was not open");
        EditorRun.assertEditorSaw(result);
        assertEquals(0, result.get("server_exit_code").getAsInt(), "the server exits cleanly after shutdown and exit");
    }
}
