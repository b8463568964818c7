package dev.astrid.ls.rules;

import static dev.astrid.ls.ManifestAssert.assertCode;
import static dev.astrid.ls.ManifestAssert.d;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.astrid.ls.ManifestAssert;
import dev.astrid.ls.service.Settings;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class VagueReasonRuleTest {
    private static final String HEAD = "schema_version: 1\nid: demo\nname: Demo\nversion: 1.0.0\npermissions:\n";

    @ParameterizedTest
    @ValueSource(strings = {"Needed for functionality", "required", "For the pack to work", "various features",
            "misc", "TODO", "n/a", "uses the network", "Network access", "reads environment", "Runs subprocesses",
            "Uses the GPU", "Makes HTTP requests to external APIs", "Reads and writes project files",
            "Calls third-party cloud services", "Access to environment variables and secrets"})
    void vagueReasonsAreFlagged(String reason) {
        assertNotNull(VagueReasonRule.vagueness(reason, Settings.DEFAULT_VAGUE_PHRASES, 1), reason);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Calls OpenAI API", "Runs ffmpeg for video processing",
            "Reads OPENAI_API_KEY and FAL_KEY from environment", "Calls api.openai.com to caption images",
            "Reads project media.", "Run the fixture backend command.", "May use GPU for ComfyUI model inference.",
            "Writes rendered PNG frames", "Manages cloud GPU infrastructure on RunPod."})
    void specificReasonsAreNot(String reason) {
        assertNull(VagueReasonRule.vagueness(reason, Settings.DEFAULT_VAGUE_PHRASES, 1), reason);
    }

    @Test
    void theWarningSitsOnTheReasonAndExplainsItself() {
        assertCode("demo/pack.yaml", HEAD + "  - id: network\n    reason: Needed for functionality\n",
                "permission-vague-reason", d(6, 12, 6, 36, "permission-vague-reason", "api.openai.com"));
    }

    @Test
    void phrasesAndThresholdAreSettings() {
        String text = HEAD + "  - id: subprocess\n    reason: Runs ffmpeg\n";
        assertCode("demo/pack.yaml", text, "permission-vague-reason");
        Settings strict = new Settings(Map.of(), List.of("runs ffmpeg"), 1);
        List<Diagnostic> ds = ManifestAssert.diagnose("demo/pack.yaml", text, strict);
        assertNotNull(ds.stream().filter(x -> x.code().equals("permission-vague-reason")).findFirst().orElse(null));
        Settings demanding = new Settings(Map.of(), List.of(), 3);
        ds = ManifestAssert.diagnose("demo/pack.yaml", text, demanding);
        assertNotNull(ds.stream().filter(x -> x.code().equals("permission-vague-reason")).findFirst().orElse(null));
    }
}
