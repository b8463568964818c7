package dev.astrid.ls.cli;

import static dev.astrid.ls.ManifestAssert.PACK_HEAD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.astrid.ls.rules.PermissionShapeRule;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class SarifTest {
    static Schema sarifSchema() throws IOException {
        try (InputStream in = SarifTest.class.getResourceAsStream("/schema/sarif-schema-2.1.0.json")) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7).getSchema(text);
        }
    }

    /** A disclosure finding on pack.yaml, with its evidence in the pack's Python as related locations. */
    @Test
    void aDisclosureFindingListsItsEvidenceAsRelatedLocations(@TempDir Path dir) throws IOException {
        Path pack = dir.resolve("demo/pack.yaml");
        Files.createDirectories(pack.getParent().resolve("tools"));
        Files.writeString(pack, PACK_HEAD + "permissions:\n  - id: project_files\n    reason: Writes meshes into assets\n");
        Files.writeString(pack.getParent().resolve("tools/fetch.py"), "import urllib.request\n\ndef download_mesh(u, t):\n"
                + "    urllib.request.urlretrieve(u, t)\n");
        CheckCommandTest.Run r = CheckCommandTest.run("check", "--format", "sarif", dir.resolve("demo").toString());
        assertEquals(0, r.exit(), r.out() + r.err());
        assertEquals(List.of(), sarifSchema().validate(r.out(), InputFormat.JSON), "SARIF schema violations");
        JsonNode result = JsonMapper.builder().build().readTree(r.out()).get("runs").get(0).get("results").values()
                .stream().filter(x -> x.get("ruleId").asString().equals("network-undeclared")).findFirst().orElseThrow();
        assertEquals("warning", result.get("level").asString());
        JsonNode related = result.get("relatedLocations");
        assertEquals(1, related.size());
        assertEquals(0, related.get(0).get("id").asInt());
        assertEquals("urllib.request.urlretrieve(...)", related.get(0).get("message").get("text").asString());
        JsonNode location = related.get(0).get("physicalLocation");
        assertTrue(location.get("artifactLocation").get("uri").asString().endsWith("demo/tools/fetch.py"),
                location.toString());
        assertEquals(4, location.get("region").get("startLine").asInt());
        assertEquals(5, location.get("region").get("startColumn").asInt());
    }

    @Test
    void sarifOutputIsValidSarif210WithRuleMetadataFromTheDocs(@TempDir Path dir) throws IOException {
        Path pack = dir.resolve("demo/pack.yaml");
        Files.createDirectories(pack.getParent());
        Files.writeString(pack, PACK_HEAD + "permissions:\n"
                + "  - id: Network\n    reason: \"📦 network access\"\n");
        CheckCommandTest.Run r = CheckCommandTest.run("check", "--format", "sarif", pack.toString());
        assertEquals(1, r.exit());
        List<Error> errors = sarifSchema().validate(r.out(), InputFormat.JSON);
        assertEquals(List.of(), errors, "SARIF schema violations");
        assertEquals(true, JsonMapper.builder().build().readTree(r.out()).get("runs").get(0).get("invocations").get(0)
                .get("executionSuccessful").asBoolean(), "findings are a successful run");

        JsonNode run = JsonMapper.builder().build().readTree(r.out()).get("runs").get(0);
        JsonNode rules = run.get("tool").get("driver").get("rules");
        assertTrue(rules.size() >= 30);
        for (JsonNode rule : rules.values()) {
            assertTrue(rule.get("help").get("markdown").asString().startsWith("# `" + rule.get("id").asString() + "`"),
                    "help comes from docs/rules/" + rule.get("id").asString() + ".md");
            assertTrue(!rule.get("shortDescription").get("text").asString().equals(rule.get("id").asString()));
        }
        JsonNode results = run.get("results");
        assertEquals(2, results.size());
        JsonNode unknown = results.get(0);
        assertEquals(PermissionShapeRule.UNKNOWN_ID.id(), unknown.get("ruleId").asString());
        assertEquals("error", unknown.get("level").asString());
        assertEquals(PermissionShapeRule.UNKNOWN_ID.id(),
                rules.get(unknown.get("ruleIndex").asInt()).get("id").asString());
        JsonNode region = unknown.get("locations").get(0).get("physicalLocation").get("region");
        assertEquals(6, region.get("startLine").asInt());
        assertEquals(9, region.get("startColumn").asInt());
        assertEquals(16, region.get("endColumn").asInt());
        JsonNode vague = results.get(1).get("locations").get(0).get("physicalLocation").get("region");
        assertEquals(13, vague.get("startColumn").asInt());
        assertEquals(13 + "\"📦 network access\"".length(), vague.get("endColumn").asInt(), "UTF-16 columns");
    }

    @Test
    void aFolderThatCouldNotBeCheckedIsAnUnsuccessfulInvocationWithItsReason(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("empty"));
        CheckCommandTest.Run r = CheckCommandTest.run("check", "--format", "sarif", dir.resolve("empty").toString());
        assertEquals(3, r.exit());
        assertEquals(List.of(), sarifSchema().validate(r.out(), InputFormat.JSON), "SARIF schema violations");
        JsonNode invocation = JsonMapper.builder().build().readTree(r.out()).get("runs").get(0).get("invocations").get(0);
        assertEquals(false, invocation.get("executionSuccessful").asBoolean());
        JsonNode notification = invocation.get("toolExecutionNotifications").get(0);
        assertEquals("error", notification.get("level").asString());
        assertTrue(notification.get("message").get("text").asString().endsWith("empty: no manifests found"),
                notification.toString());
    }

    @Test
    void artifactUrisArePercentEncoded(@TempDir Path dir) throws IOException {
        Path pack = dir.resolve("my packs/100% #1?/pâck/pack.yaml");
        Files.createDirectories(pack.getParent());
        Files.writeString(pack, PACK_HEAD + "permissions:\n  - id: Network\n    reason: Calls api.example.com\n");
        String uri = JsonMapper.builder().build().readTree(CheckCommandTest.run("check", "--format", "sarif",
                pack.toString()).out()).get("runs").get(0).get("results").get(0).get("locations").get(0)
                .get("physicalLocation").get("artifactLocation").get("uri").asString();
        assertTrue(uri.endsWith("my%20packs/100%25%20%231%3F/p%C3%A2ck/pack.yaml"), uri);
        assertEquals(pack.toAbsolutePath().normalize(), Path.of(java.net.URI.create(uri.startsWith("file:") ? uri
                : Path.of("").toAbsolutePath().toUri() + uri)), "it resolves back to the file");
    }
}
