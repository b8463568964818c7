package dev.astrid.ls.rules;

import static dev.astrid.ls.ManifestAssert.PACK_HEAD;
import static dev.astrid.ls.ManifestAssert.assertCode;
import static dev.astrid.ls.ManifestAssert.assertDiagnostics;
import static dev.astrid.ls.ManifestAssert.d;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.astrid.ls.ManifestAssert;
import dev.astrid.ls.core.Severity;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PermissionRulesTest {

    @Test
    void aCorrectDisclosureHasNoDiagnostics() {
        assertDiagnostics("demo/pack.yaml", PACK_HEAD + """
                permissions:
                  - id: network
                    reason: Calls api.openai.com to caption images
                    access: outbound HTTPS
                    services: [api.openai.com]
                  - id: environment
                    reason: Reads OPENAI_API_KEY for API calls
                secrets:
                  - name: OPENAI_API_KEY
                    required: true
                """);
    }

    @Test
    void unknownIdSuggestsTheClosestAndListsTheSix() {
        var ds = assertDiagnostics("demo/pack.yaml", PACK_HEAD + """
                permissions:
                  - id: Network
                    reason: Calls api.openai.com to caption images
                """, d(5, 8, 5, 15, PermissionShapeRule.UNKNOWN_ID, "did you mean 'network'?"));
        assertEquals(List.of("network"), ds.get(0).data().get("suggestions"));
        assertEquals(true, ds.get(0).message().contains("project_files, network, subprocess, environment, "
                + "accelerator, external_services"));
    }

    @ParameterizedTest
    @CsvSource({"filesystem,project_files", "files,project_files", "env,environment", "gpu,accelerator",
            "netwrok,network", "sub-process,subprocess", "external-services,external_services", "GPU,accelerator"})
    void commonMistakesGetTheRightSuggestion(String wrong, String suggestion) {
        var ds = assertCode("demo/pack.yaml", PACK_HEAD + "permissions:\n  - id: " + wrong + "\n    reason: Runs ffmpeg\n",
                PermissionShapeRule.UNKNOWN_ID, d(5, 8, 5, 8 + wrong.length(), PermissionShapeRule.UNKNOWN_ID));
        assertEquals(suggestion, ((List<?>) ds.get(0).data().get("suggestions")).get(0));
    }

    @Test
    void anIdWithNothingPlausibleOffersNoSuggestion() {
        var ds = assertCode("demo/pack.yaml", PACK_HEAD + "permissions:\n  - id: telepathy\n    reason: Reads minds\n",
                PermissionShapeRule.UNKNOWN_ID, d(5, 8, 5, 17, PermissionShapeRule.UNKNOWN_ID));
        assertEquals(List.of(), ds.get(0).data().get("suggestions"));
    }

    @Test
    void emptyIdIsUnknownOnItsKey() {
        assertCode("demo/pack.yaml", PACK_HEAD + "permissions:\n  - id:\n    reason: Runs ffmpeg\n",
                PermissionShapeRule.UNKNOWN_ID, d(5, 4, 5, 6, PermissionShapeRule.UNKNOWN_ID, "Empty permission id"));
    }

    @Test
    void missingIdAndMissingReason() {
        assertDiagnostics("demo/pack.yaml", PACK_HEAD + """
                permissions:
                  - reason: Runs ffmpeg to encode MP4
                  - id: subprocess
                """,
                d(5, 4, 5, 10, PermissionShapeRule.MISSING_ID, "permissions[0].id"),
                d(6, 8, 6, 18, PermissionShapeRule.MISSING_REASON, "permissions[1].reason"));
    }

    @Test
    void blankOrNonTextReason() {
        assertDiagnostics("demo/pack.yaml", PACK_HEAD + """
                permissions:
                  - id: network
                    reason: "   "
                  - id: subprocess
                    reason:
                  - id: accelerator
                    reason: 42
                """,
                d(6, 12, 6, 17, PermissionShapeRule.BLANK_REASON, "permissions[0].reason must be a non-empty string"),
                d(8, 4, 8, 10, PermissionShapeRule.BLANK_REASON, "permissions[1].reason"),
                d(10, 12, 10, 14, PermissionShapeRule.BLANK_REASON, "the number 42"));
    }

    @Test
    void unknownFieldSuggestsTheField() {
        var ds = assertDiagnostics("demo/pack.yaml", PACK_HEAD + """
                permissions:
                  - id: network
                    reason: Calls api.openai.com for captions
                    service: [api.openai.com]
                    scope: all
                """,
                d(7, 4, 7, 11, PermissionShapeRule.UNKNOWN_FIELD, "did you mean `services`?"),
                d(8, 4, 8, 9, PermissionShapeRule.UNKNOWN_FIELD, "permissions[0] has unknown field(s): scope"));
        assertEquals(Map.of("field", "service", "suggestion", "services"), ds.get(0).data());
    }

    @Test
    void accessMustBeOneNonBlankString() {
        assertDiagnostics("demo/pack.yaml", PACK_HEAD + """
                permissions:
                  - id: project_files
                    reason: Writes rendered PNG frames
                    access: [read, write]
                  - id: subprocess
                    reason: Runs ffmpeg to encode MP4
                    access: ""
                  - id: network
                    reason: Calls api.openai.com for captions
                    access: yes
                """,
                d(7, 4, 7, 10, PermissionShapeRule.INVALID_ACCESS, "not a list"),
                d(10, 12, 10, 14, PermissionShapeRule.INVALID_ACCESS),
                d(13, 12, 13, 15, PermissionShapeRule.INVALID_ACCESS, "the boolean yes"));
    }

    @Test
    void servicesMustBeAListOfNonBlankStrings() {
        assertDiagnostics("demo/pack.yaml", PACK_HEAD + """
                permissions:
                  - id: network
                    reason: Calls api.openai.com for captions
                    services: api.openai.com
                  - id: external_services
                    reason: Sends audio to AssemblyAI for transcription
                    services: [api.assemblyai.com, "", 7]
                """,
                d(7, 14, 7, 28, PermissionShapeRule.INVALID_SERVICES, "services: [api.openai.com]"),
                d(10, 35, 10, 37, PermissionShapeRule.INVALID_SERVICES, "services[1]"),
                d(10, 39, 10, 40, PermissionShapeRule.INVALID_SERVICES, "services[2]"));
    }

    @Test
    void servicesMustBeUniqueInSchemaVersion2Only() {
        String perms = """
                permissions:
                  - id: network
                    reason: Calls api.openai.com for captions
                    services: [api.openai.com, api.openai.com]
                """;
        assertCode("demo/pack.yaml", PACK_HEAD + perms, PermissionShapeRule.INVALID_SERVICES);
        assertCode("demo/pack.yaml", PACK_HEAD.replace("schema_version: 1", "schema_version: 2")
                        + "capabilities: [caption]\n" + perms, PermissionShapeRule.INVALID_SERVICES,
                d(8, 31, 8, 45, PermissionShapeRule.INVALID_SERVICES, "unique"));
    }

    @Test
    void permissionsMustBeAListOfMappings() {
        assertDiagnostics("demo/pack.yaml", PACK_HEAD + "permissions:\n  network: Calls api.openai.com\n",
                d(4, 0, 4, 11, PermissionShapeRule.NOT_LIST));
        assertDiagnostics("demo/pack.yaml", PACK_HEAD + "permissions: network\n",
                d(4, 13, 4, 20, PermissionShapeRule.NOT_LIST));
        assertDiagnostics("demo/pack.yaml", PACK_HEAD + "permissions:\n  - network\n",
                d(5, 4, 5, 11, PermissionShapeRule.NOT_MAPPING, "permissions[0] must be an object"));
    }

    @Test
    void emptyOrAbsentPermissionsDeclareNothing() {
        assertDiagnostics("demo/pack.yaml", PACK_HEAD + "permissions: []\n");
        // `permissions:` with no value is refused by Astrid's validator: see PermissionFidelityTest
        assertDiagnostics("demo/pack.yaml", PACK_HEAD);
    }

    @Test
    void duplicateIdIsAWarningPointingAtTheFirst() {
        var ds = assertDiagnostics("demo/pack.yaml", PACK_HEAD + """
                permissions:
                  - id: network
                    reason: Calls api.openai.com for captions
                  - id: network
                    reason: Downloads model weights from huggingface.co
                """, d(7, 8, 7, 15, DuplicatePermissionRule.DUPLICATE_ID, Severity.WARNING));
        assertEquals(5, ds.get(0).related().get(0).range().start().line());
        assertEquals(Map.of("id", "network", "index", 1), ds.get(0).data());
    }

    @Test
    void permissionsInAComponentAreAnError() {
        assertCode("demo/executors/render/executor.yaml", """
                schema_version: 1
                id: demo.render
                name: Render
                version: 1.0.0
                kind: built_in
                permissions:
                  - id: network
                    reason: Calls api.openai.com
                """, ComponentPermissionsRule.IN_COMPONENT,
                d(5, 0, 5, 11, ComponentPermissionsRule.IN_COMPONENT, "Move this block to the pack's manifest"));
    }

    @Test
    void jsonTextManifestsGetTheSameChecks() {
        assertDiagnostics("demo/pack.json", """
                {"schema_version": 1, "id": "demo", "name": "Demo", "version": "1.0.0",
                 "permissions": [{"id": "env", "reason": "Reads the OpenAI key for API calls"}]}
                """, d(1, 24, 1, 29, PermissionShapeRule.UNKNOWN_ID, "did you mean 'environment'?"));
    }

    @Test
    void otherYamlFilesAreLeftAlone() {
        assertEquals(List.of(), ManifestAssert.diagnose("ci.yaml", "permissions: [oops\n"));
        assertEquals(List.of(), ManifestAssert.diagnose("docker-compose.yml", "services:\n  - bad: [\n"));
    }
}
