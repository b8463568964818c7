package dev.astrid.ls.cli;

import static dev.astrid.ls.ManifestAssert.PACK_HEAD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.astrid.ls.yaml.YamlMapping;
import dev.astrid.ls.yaml.YamlParser;
import dev.astrid.ls.yaml.YamlScalar;
import dev.astrid.ls.yaml.YamlSequence;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pre-commit hook as pre-commit runs it: its script, on the staged files its pattern selects. */
class PreCommitHookIT {
    @Test
    void theHookSelectsManifestsAndFailsOnErrors(@TempDir Path dir) throws Exception {
        YamlMapping hook = (YamlMapping) ((YamlSequence) YamlParser.parse(
                Files.readString(Path.of("../.pre-commit-hooks.yaml"))).root()).items().get(0);
        Pattern files = Pattern.compile(((YamlScalar) hook.get("files")).value());
        assertTrue(files.matcher("packs/demo/pack.yaml").find());
        assertTrue(files.matcher("executors/x/executor.json").find());
        assertTrue(!files.matcher(".github/workflows/ci.yaml").find() && !files.matcher("mypack.yaml").find());

        Path pack = dir.resolve("demo/pack.yaml");
        Files.createDirectories(pack.getParent());
        Files.writeString(pack, PACK_HEAD + "permissions:\n  - id: gpu\n"
                + "    reason: Runs Whisper on CUDA\n");
        Process p = new ProcessBuilder("sh", Path.of("..").resolve(((YamlScalar) hook.get("entry")).value()).toString(),
                pack.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(1, p.waitFor(), out);
        assertTrue(out.contains("pack.yaml:6:9: error permission-unknown-id"), out);
    }
}
