package dev.astrid.ls.service;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.astrid.ls.workspace.Workspace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The trust summary counts components as Astrid does, with the update diff's implementation:
 * the sub-folders of the folders {@code content.*} names, whatever they hold; none for the
 * canonical (schema version 2) and schema version 3 summaries.
 */
class TrustSummaryComponentsTest {
    static final String HEAD = "schema_version: 1\nid: demo\nname: Demo\nversion: 1.0.0\n";

    @TempDir
    Path tmp;

    void write(String path, String text) throws IOException {
        Path p = tmp.resolve(path);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }

    /** A service whose workspace is the temporary folder. */
    LanguageService service() {
        Workspace ws = new Workspace();
        ws.addRoot(tmp);
        return new LanguageService(ws);
    }

    String summary() {
        LanguageService service = service();
        return service.snapshot(Workspace.uri(tmp.resolve("demo/pack.yaml"))).flatMap(service::trustSummary).orElseThrow();
    }

    String headline() {
        LanguageService service = service();
        return service.snapshot(Workspace.uri(tmp.resolve("demo/pack.yaml"))).flatMap(service::trustHeadline).orElseThrow();
    }

    @Test
    void subFoldersOfTheContentFoldersNotManifests() throws IOException {
        write("demo/pack.yaml", HEAD + "content:\n  executors: executors\n  elements: elements\n");
        // folders count whether or not they hold a manifest; hidden ones and files do not
        write("demo/executors/a/run.py", "");
        write("demo/executors/b/README.md", "");
        write("demo/executors/.cache/x", "");
        write("demo/executors/notes.md", "");
        write("demo/orchestrators/o/run.py", ""); // not named in content: not counted
        write("demo/elements/effects/glow/README.md", ""); // elements count their kind folders
        write("demo/elements/effects/blur/README.md", "");
        write("demo/elements/transitions/fade/README.md", "");
        assertTrue(summary().contains("\n  Components:    2 executors, 2 elements\n"), summary());
        assertTrue(headline().contains(", 4 components"), headline());
    }

    @Test
    void aFolderOutsideThePackOrMissingCountsNothing() throws IOException {
        write("demo/pack.yaml", HEAD + "content:\n  executors: ../elsewhere\n  orchestrators: missing\n");
        write("elsewhere/x/executor.yaml", "{}");
        assertTrue(summary().contains("\n  Components:    (none)\n"), summary());
    }

    @Test
    void canonicalAndSchemaVersion3SummariesCountNoExecutorOrchestratorOrElement() throws IOException {
        write("demo/pack.yaml", HEAD.replace("schema_version: 1", "schema_version: 2")
                + "content:\n  executors: executors\n");
        write("demo/executors/a/executor.yaml", "{}");
        assertTrue(summary().contains("\n  Components:    (none)\n"), summary());

        write("demo/pack.yaml", HEAD.replace("schema_version: 1", "schema_version: 3")
                + "actions:\n  render:\n    description: Renders\n");
        assertTrue(summary().contains("\n  Components:    (none)\n"), summary());
    }
}
