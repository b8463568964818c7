package dev.astrid.ls.service;

import static dev.astrid.ls.ManifestAssert.PACK_HEAD;
import static dev.astrid.ls.ManifestAssert.apply;
import static dev.astrid.ls.ManifestAssert.complete;
import static dev.astrid.ls.ManifestAssert.labels;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class CompletionTest {
    private static final List<String> SIX =
            List.of("project_files", "network", "subprocess", "environment", "accelerator", "external_services");

    @Test
    void theSixIdsAtAnIdValueOnAHalfTypedLine() {
        String text = PACK_HEAD + "permissions:\n  - id: ne|\n";
        var items = complete("demo/pack.yaml", text);
        assertEquals(SIX, labels(items));
        var network = items.stream().filter(i -> i.label().equals("network")).findFirst().orElseThrow();
        assertEquals(PACK_HEAD + "permissions:\n  - id: network\n", apply(text, network));
        assertTrue(network.documentation().contains("disclosure only"));
        assertTrue(network.detail().contains("outbound network"));
    }

    @Test
    void idsAlreadyDeclaredSortLast() {
        String text = PACK_HEAD + "permissions:\n  - id: network\n    reason: Calls api.openai.com\n  - id: |\n"
                + "  - id: subprocess\n    reason: Runs ffmpeg\n";
        assertEquals(List.of("project_files", "environment", "accelerator", "external_services", "network",
                "subprocess"), labels(complete("demo/pack.yaml", text)));
    }

    @Test
    void idsCompleteWhileAnotherLineIsBroken() {
        String text = PACK_HEAD + "description: \"unterminated\npermissions:\n  - id: |\n    reason: x\n";
        assertEquals(SIX, labels(complete("demo/pack.yaml", text)));
    }

    @Test
    void idsCompleteInsideAJsonString() {
        String text = "{\"permissions\": [{\"id\": \"ne|\", \"reason\": \"x\"}]}";
        var items = complete("demo/pack.json", text);
        assertEquals(SIX, labels(items));
        assertEquals("{\"permissions\": [{\"id\": \"network\", \"reason\": \"x\"}]}",
                apply(text, items.stream().filter(i -> i.label().equals("network")).findFirst().orElseThrow()));
    }

    @Test
    void missingKeysOfAPermissionItem() {
        String text = PACK_HEAD + "permissions:\n  - id: network\n    |\n";
        var items = complete("demo/pack.yaml", text);
        assertEquals(List.of("reason", "access", "services"), labels(items));
        var reason = items.get(0);
        assertEquals(PACK_HEAD + "permissions:\n  - id: network\n    reason: ${1:What the pack does with it, and why}\n",
                apply(text, reason));
    }

    @Test
    void missingKeysWhenHalfTyped() {
        String text = PACK_HEAD + "permissions:\n  - id: network\n    re|\n    access: read\n";
        assertEquals(List.of("reason", "services"), labels(complete("demo/pack.yaml", text)));
    }

    @Test
    void aWholeNewPermissionItemAsASnippet() {
        String text = PACK_HEAD + "permissions:\n  - id: network\n    reason: Calls api.openai.com\n  |\n";
        var items = complete("demo/pack.yaml", text);
        assertEquals(List.of("new permission"), labels(items));
        assertEquals(PACK_HEAD + "permissions:\n  - id: network\n    reason: Calls api.openai.com\n"
                + "  - id: ${1|project_files,network,subprocess,environment,accelerator,external_services|}\n"
                + "    reason: ${2:What the pack does with it, and why}\n", apply(text, items.get(0)));
    }

    @Test
    void afterATypedDashTheItemSnippetAndKeysAreOffered() {
        String text = PACK_HEAD + "permissions:\n  - |\n";
        var items = complete("demo/pack.yaml", text);
        assertEquals(List.of("id", "reason", "access", "services", "new permission"), labels(items));
        var snippet = items.get(items.size() - 1);
        assertEquals(PACK_HEAD + "permissions:\n  - id: ${1|project_files,network,subprocess,environment,accelerator,"
                + "external_services|}\n    reason: ${2:What the pack does with it, and why}\n", apply(text, snippet));
    }

    @Test
    void topLevelKeysComeFromTheSchemaWithoutThoseAlreadyPresent() {
        var labels = labels(complete("demo/pack.yaml", PACK_HEAD + "|\n"));
        assertTrue(labels.contains("permissions"));
        assertTrue(labels.contains("description"));
        assertTrue(!labels.contains("name") && !labels.contains("id"));
    }

    @Test
    void enumValuesComeFromTheSchema() {
        assertEquals(List.of("active", "deprecated", "stub", "experimental"),
                labels(complete("demo/pack.yaml", PACK_HEAD + "status: |\n")));
    }

    @Test
    void indentlessSequencesWork() {
        assertEquals(SIX, labels(complete("demo/pack.yaml", PACK_HEAD + "permissions:\n- id: |\n")));
    }

    @Test
    void rightAfterTheColonOrDashTheSeparatingSpaceIsInserted() {
        String colon = PACK_HEAD + "permissions:\n  - id:|\n";
        var network = complete("demo/pack.yaml", colon).stream().filter(i -> i.label().equals("network")).findFirst()
                .orElseThrow();
        assertEquals(PACK_HEAD + "permissions:\n  - id: network\n", apply(colon, network));
        String dash = PACK_HEAD + "permissions:\n  -|\n";
        var id = complete("demo/pack.yaml", dash).get(0);
        assertEquals(PACK_HEAD + "permissions:\n  - id: ${1|project_files,network,subprocess,environment,accelerator,"
                + "external_services|}\n", apply(dash, id));
    }

    @Test
    void nothingForOtherValues() {
        assertEquals(List.of(), complete("demo/pack.yaml", PACK_HEAD + "description: Ren|\n"));
    }
}
