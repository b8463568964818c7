package dev.astrid.ls.update;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One test per kind of line in Astrid's update diff: commit a pack, edit the working tree, diff. */
class UpdateDiffTest {
    static final String PACK = "schema_version: 1\nid: demo\nname: Demo\nversion: 1.0.0\n";
    static final String NETWORK = "  - id: network\n    reason: Calls api.example.com\n";
    static final String UNCHANGED = "═══ Diff Summary ═══\n  Version:  1.0.0 (unchanged)\n"
            + "  Executors:0 (unchanged)\n  Orchestrators:0 (unchanged)\n  Elements:0 (unchanged)\n";

    @TempDir
    java.nio.file.Path tmp;
    TestRepo repo;

    @BeforeEach
    void init() throws Exception {
        repo = new TestRepo(tmp);
    }

    @AfterEach
    void close() {
        repo.close();
    }

    /** The headline, and the diff text below its "Update from HEAD (…)" line. */
    static void assertDiff(UpdatePreview p, String headline, String diff) {
        assertEquals(headline, p.headline());
        assertEquals(diff, p.text().substring(p.text().indexOf('\n') + 1));
    }

    @Test
    void anAddedPermission() throws Exception {
        repo.write("demo/pack.yaml", PACK).commit();
        repo.write("demo/pack.yaml", PACK + "permissions:\n" + NETWORK);
        assertDiff(repo.preview("demo"), "Update diff vs HEAD: +network", UNCHANGED
                + "  Permissions added:\n    - network: Calls api.example.com\n");
    }

    @Test
    void aRemovedPermission() throws Exception {
        repo.write("demo/pack.yaml", PACK + "permissions:\n" + NETWORK).commit();
        repo.write("demo/pack.yaml", PACK + "permissions: []\n");
        assertDiff(repo.preview("demo"), "Update diff vs HEAD: −network", UNCHANGED
                + "  Permissions removed:\n    - network: Calls api.example.com\n");
    }

    @Test
    void aRewordedReasonIsAChange() throws Exception {
        repo.write("demo/pack.yaml", PACK + "permissions:\n  - id: subprocess\n    reason: Runs ffmpeg\n").commit();
        repo.write("demo/pack.yaml", PACK + "permissions:\n  - id: subprocess\n    reason: Runs ffmpeg and sox\n");
        assertDiff(repo.preview("demo"), "Update diff vs HEAD: reason changed: subprocess", UNCHANGED
                + "  Permissions changed:\n    - subprocess: subprocess: Runs ffmpeg → subprocess: Runs ffmpeg and sox\n");
    }

    @Test
    void accessAndServicesAreComparedToo() throws Exception {
        repo.write("demo/pack.yaml", PACK + "permissions:\n" + NETWORK).commit();
        repo.write("demo/pack.yaml", PACK + "permissions:\n" + NETWORK
                + "    access: outbound HTTPS\n    services: [api.example.com]\n");
        assertDiff(repo.preview("demo"), "Update diff vs HEAD: access/services changed: network", UNCHANGED
                + "  Permissions changed:\n    - network: network: Calls api.example.com → network: Calls "
                + "api.example.com; access=outbound HTTPS; services=api.example.com\n");
    }

    @Test
    void theVersion() throws Exception {
        repo.write("demo/pack.yaml", PACK).commit();
        repo.write("demo/pack.yaml", PACK.replace("1.0.0", "1.1.0"));
        assertDiff(repo.preview("demo"), "Update diff vs HEAD: version 1.0.0 → 1.1.0", "═══ Diff Summary ═══\n"
                + "  Version:  1.0.0 → 1.1.0\n  Executors:0 (unchanged)\n  Orchestrators:0 (unchanged)\n"
                + "  Elements:0 (unchanged)\n  Permissions: none declared\n");
    }

    @Test
    void componentCountsAreTheSubFoldersOfTheContentFolders() throws Exception {
        String pack = PACK + "content:\n  executors: executors\n  elements: elements\n";
        repo.write("demo/pack.yaml", pack).write("demo/executors/a/executor.yaml", "{}")
                .write("demo/elements/effects/glow/element.yaml", "{}").commit();
        repo.write("demo/executors/b/run.py", "").write("demo/executors/.cache/x", "").write("demo/executors/notes.md", "")
                .write("demo/orchestrators/o/orchestrator.yaml", "{}") // not named in content: not counted
                .write("demo/elements/effects/blur/element.yaml", "{}") // same kind folder: same count
                .write("demo/elements/transitions/fade/element.yaml", "{}");
        assertDiff(repo.preview("demo"), "Update diff vs HEAD: +1 executor, +1 element", "═══ Diff Summary ═══\n"
                + "  Version:  1.0.0 (unchanged)\n  Executors:1 → 2 (+1)\n  Orchestrators:0 (unchanged)\n"
                + "  Elements:1 → 2 (+1)\n  Permissions: none declared\n");
    }

    @Test
    void entrypointsFromNormalEntrypointsElseEntrypoints() throws Exception {
        repo.write("demo/pack.yaml", PACK + "agent:\n  entrypoints: [demo.render, demo.probe]\n").commit();
        repo.write("demo/pack.yaml", PACK + "agent:\n  entrypoints: [demo.ignored]\n"
                + "  normal_entrypoints: [demo.render, demo.encode]\n");
        assertDiff(repo.preview("demo"), "Update diff vs HEAD: +1 entrypoint, −1 entrypoint", UNCHANGED
                + "  Entrypoints added:   demo.encode\n  Entrypoints removed: demo.probe\n"
                + "  Permissions: none declared\n");
    }

    @Test
    void secretsAreLabelsSoADescriptionChangeIsARemovalAndAnAddition() throws Exception {
        repo.write("demo/pack.yaml", PACK + "secrets:\n  - name: FAL_KEY\n    required: true\n"
                + "    description: fal.ai key\n").commit();
        repo.write("demo/pack.yaml", PACK + "secrets:\n  - name: FAL_KEY\n    required: true\n"
                + "    description: fal.ai API key\n  - name: HF_TOKEN\n");
        assertDiff(repo.preview("demo"), "Update diff vs HEAD: +2 secrets, −1 secret", UNCHANGED
                + "  Secrets added:   FAL_KEY (required): fal.ai API key, HF_TOKEN\n"
                + "  Secrets removed: FAL_KEY (required): fal.ai key\n  Permissions: none declared\n");
    }

    @Test
    void nothingChanged() throws Exception {
        repo.write("demo/pack.yaml", PACK + "agent:\n  normal_entrypoints: [demo.run]\nsecrets:\n  - name: FAL_KEY\n"
                + "    required: true\npermissions:\n" + NETWORK).commit();
        assertDiff(repo.preview("demo"), "Update diff vs HEAD: no changes", UNCHANGED
                + "  Entrypoints: (unchanged)\n  Secrets: (unchanged)\n  Permissions: (unchanged)\n");
    }

    @Test
    void aSchemaVersion2InstallIsComparedByTheCanonicalLoader() throws Exception {
        String v2 = "schema_version: 2\nid: demo\nname: Demo\nversion: 1.0.0\ncontent:\n  executors: executors\n"
                + "agent:\n  normal_entrypoints: [demo.run]\n";
        repo.write("demo/pack.yaml", v2 + "secrets:\n  - name: FAL_KEY\n    description: fal.ai key\n")
                .write("demo/executors/a/executor.yaml", "{}").commit();
        repo.write("demo/pack.yaml", v2.replace("demo.run]", "demo.run, demo.more]")
                        + "secrets:\n  - name: FAL_KEY\n    description: fal.ai API key\n  - name: ' HF_TOKEN '\n"
                        + "permissions:\n  - id: network\n    reason: '  Calls api.example.com '\n")
                .write("demo/executors/b/executor.yaml", "{}");
        assertDiff(repo.preview("demo"), "Update diff vs HEAD: +network, +1 secret", UNCHANGED
                + "  Secrets added:   HF_TOKEN\n  Permissions added:\n    - network: Calls api.example.com\n");
    }

    @Test
    void unsavedBuffersCount() throws Exception {
        repo.write("demo/pack.yaml", PACK).commit();
        repo.type("demo/pack.yaml", PACK + "permissions:\n" + NETWORK);
        assertEquals("Update diff vs HEAD: +network", repo.preview("demo").headline());
    }

    @Test
    void anotherRevisionByName() throws Exception {
        repo.write("demo/pack.yaml", PACK).commit();
        repo.tag("v1.0.0");
        repo.write("demo/pack.yaml", PACK.replace("1.0.0", "1.1.0") + "permissions:\n" + NETWORK).commit();
        repo.write("demo/pack.yaml", PACK.replace("1.0.0", "1.2.0") + "permissions:\n" + NETWORK);
        assertEquals("Update diff vs v1.0.0: +network, version 1.0.0 → 1.2.0", repo.preview("demo", "v1.0.0").headline());
        assertEquals("Update diff vs HEAD~1: +network, version 1.0.0 → 1.2.0", repo.preview("demo", "HEAD~1").headline());
        assertEquals("Update diff vs main: version 1.1.0 → 1.2.0", repo.preview("demo", "main").headline());
    }
}
