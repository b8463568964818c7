package dev.astrid.ls.rules;

import static dev.astrid.ls.ManifestAssert.PACK_HEAD;
import static dev.astrid.ls.ManifestAssert.assertCode;
import static dev.astrid.ls.ManifestAssert.assertExactly;
import static dev.astrid.ls.ManifestAssert.d;

import dev.astrid.ls.ManifestAssert;
import dev.astrid.ls.core.Diagnostic;
import dev.astrid.ls.core.Settings;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class VagueReasonRuleTest {
    private static final String HEAD = PACK_HEAD + "permissions:\n";

    @ParameterizedTest
    @ValueSource(strings = {"Needed for functionality", "required", "For the pack to work", "various features",
            "misc", "TODO", "n/a", "uses the network", "Network access", "reads environment", "Runs subprocesses",
            "Uses the GPU", "Makes HTTP requests to external APIs", "Reads and writes project files",
            "Calls third-party cloud services", "Access to environment variables and secrets", "Writes output",
            "Reads input files and writes results"})
    void vagueReasonsAreFlagged(String reason) {
        assertCode("demo/pack.yaml", HEAD + "  - id: network\n    reason: \"" + reason + "\"\n",
                VagueReasonRule.VAGUE_REASON, d(6, 12, 6, 14 + reason.length(), VagueReasonRule.VAGUE_REASON,
                        "Vague reason: '" + reason + "'"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Calls OpenAI API", "Runs ffmpeg for video processing",
            "Reads OPENAI_API_KEY and FAL_KEY from environment", "Calls api.openai.com to caption images",
            "Reads project media.", "Run the fixture backend command.", "May use GPU for ComfyUI model inference.",
            "Writes rendered PNG frames", "Manages cloud GPU infrastructure on RunPod.",
            // false positives of the audit over the corpus, fixed: a dotfile, a path, a host and port, a variable
            "Reads the project .env file", "Reads ~/.config/astrid/settings.toml", "Calls localhost:8188",
            "Connects to 127.0.0.1:8188 (ComfyUI)", "Reads HF_TOKEN", "Reads $HOME/.netrc", "Reads .blend files"})
    void specificReasonsAreNot(String reason) {
        assertCode("demo/pack.yaml", HEAD + "  - id: network\n    reason: \"" + reason + "\"\n",
                VagueReasonRule.VAGUE_REASON);
    }

    @Test
    void theWarningSitsOnTheReasonAndExplainsItself() {
        assertCode("demo/pack.yaml", HEAD + "  - id: network\n    reason: Needed for functionality\n",
                VagueReasonRule.VAGUE_REASON, d(6, 12, 6, 36, VagueReasonRule.VAGUE_REASON, "api.openai.com"));
    }

    @Test
    void phrasesAndThresholdAreSettings() {
        String text = HEAD + "  - id: subprocess\n    reason: Runs ffmpeg\n";
        assertCode("demo/pack.yaml", text, VagueReasonRule.VAGUE_REASON);
        Settings strict = Settings.from(Map.of("vagueReason", Map.of("phrases", List.of("runs ffmpeg"))));
        assertExactly(vague(ManifestAssert.diagnose("demo/pack.yaml", text, strict)),
                d(6, 12, 6, 23, VagueReasonRule.VAGUE_REASON, "'Runs ffmpeg' is filler"));
        Settings demanding = Settings.from(Map.of("vagueReason.minSpecificWords", 3));
        assertExactly(vague(ManifestAssert.diagnose("demo/pack.yaml", text, demanding)),
                d(6, 12, 6, 23, VagueReasonRule.VAGUE_REASON, "names no service"));
    }

    private static List<Diagnostic> vague(List<Diagnostic> all) {
        return all.stream().filter(x -> x.code() == VagueReasonRule.VAGUE_REASON).toList();
    }
}
