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

    static final String J = "{\"schema_version\": 1, \"id\": \"demo\", \"name\": \"Demo\", \"version\": \"1.0.0\"";

    @Test
    void jsonKeysAfterATypedQuoteAreJsonAndSkipThoseAlreadyThere() {
        String text = J + ", \"|";
        var items = complete("demo/pack.json", text);
        var labels = labels(items);
        assertTrue(labels.contains("description") && labels.contains("permissions"), labels.toString());
        assertTrue(!labels.contains("id") && !labels.contains("name"), labels.toString());
        var description = items.stream().filter(i -> i.label().equals("description")).findFirst().orElseThrow();
        assertEquals(J + ", \"description\": \"$1\"", apply(text, description));
        assertEquals("\"description", description.filterText(), "the typed quote must not stop the client's filter");
    }

    @Test
    void aJsonKeyBeforeAnotherEntryGetsItsComma() {
        String text = "{\n  \"schema_version\": 1,\n  |\n  \"id\": \"demo\"\n}\n";
        var name = complete("demo/pack.json", text).stream().filter(i -> i.label().equals("name")).findFirst().orElseThrow();
        assertEquals("{\n  \"schema_version\": 1,\n  \"name\": \"$1\", \n  \"id\": \"demo\"\n}\n", apply(text, name));
    }

    @Test
    void aJsonKeyAfterAnEntryWithoutItsCommaAddsTheComma() {
        String text = "{\n  \"schema_version\": 1\n  \"|\n}\n";
        var id = complete("demo/pack.json", text).stream().filter(i -> i.label().equals("id")).findFirst().orElseThrow();
        assertEquals("{\n  \"schema_version\": 1,\n  \"id\": \"$1\"\n}\n", apply(text, id));
    }

    @Test
    void insideANewPermissionObjectTheFieldsAreOffered() {
        String text = J + ", \"permissions\": [{\"id\": \"network\", \"reason\": \"Calls x.com\"}, {|}]}";
        var items = complete("demo/pack.json", text);
        assertEquals(List.of("id", "reason", "access", "services"), labels(items));
        assertEquals(J + ", \"permissions\": [{\"id\": \"network\", \"reason\": \"Calls x.com\"}, {\"id\": "
                + "\"${1|project_files,network,subprocess,environment,accelerator,external_services|}\"}]}",
                apply(text, items.get(0)));
        String second = J + ", \"permissions\": [{\"id\": \"network\", \"|\"}]}";
        assertEquals(List.of("reason", "access", "services"), labels(complete("demo/pack.json", second)));
    }

    @Test
    void jsonValuesWhileTheTextDoesNotParse() {
        String text = J + ", \"status\": \"ex|";
        var items = complete("demo/pack.json", text);
        assertTrue(labels(items).contains("experimental"), labels(items).toString());
        assertEquals(J + ", \"status\": \"experimental\"",
                apply(text, items.stream().filter(i -> i.label().equals("experimental")).findFirst().orElseThrow()));
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
