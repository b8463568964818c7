package dev.astrid.ls.rules;

import static dev.astrid.ls.ManifestAssert.assertCode;
import static dev.astrid.ls.ManifestAssert.assertDiagnostics;
import static dev.astrid.ls.ManifestAssert.d;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.astrid.ls.ManifestAssert;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PermissionRulesTest {
    private static final String HEAD = "schema_version: 1\nid: demo\nname: Demo\nversion: 1.0.0\n";

    @Test
    void aCorrectDisclosureHasNoDiagnostics() {
        assertDiagnostics("demo/pack.yaml", HEAD + """
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
        var ds = assertDiagnostics("demo/pack.yaml", HEAD + """
                permissions:
                  - id: Network
                    reason: Calls api.openai.com to caption images
                """, d(5, 8, 5, 15, "permission-unknown-id", "Did you mean 'network'?"));
        assertEquals(List.of("network"), ds.get(0).data().get("suggestions"));
        assertEquals(true, ds.get(0).message().contains("project_files, network, subprocess, environment, "
                + "accelerator, external_services"));
    }

    @ParameterizedTest
    @CsvSource({"filesystem,project_files", "files,project_files", "env,environment", "gpu,accelerator",
            "netwrok,network", "sub-process,subprocess", "external-services,external_services", "GPU,accelerator"})
    void commonMistakesGetTheRightSuggestion(String wrong, String suggestion) {
        var ds = assertCode("demo/pack.yaml", HEAD + "permissions:\n  - id: " + wrong + "\n    reason: Runs ffmpeg\n",
                "permission-unknown-id", d(5, 8, 5, 8 + wrong.length(), "permission-unknown-id"));
        assertEquals(suggestion, ((List<?>) ds.get(0).data().get("suggestions")).get(0));
    }

    @Test
    void anIdWithNothingPlausibleOffersNoSuggestion() {
        var ds = assertCode("demo/pack.yaml", HEAD + "permissions:\n  - id: telepathy\n    reason: Reads minds\n",
                "permission-unknown-id", d(5, 8, 5, 17, "permission-unknown-id"));
        assertEquals(List.of(), ds.get(0).data().get("suggestions"));
    }

    @Test
    void emptyIdIsUnknownOnItsKey() {
        assertCode("demo/pack.yaml", HEAD + "permissions:\n  - id:\n    reason: Runs ffmpeg\n",
                "permission-unknown-id", d(5, 4, 5, 6, "permission-unknown-id", "empty"));
    }

    @Test
    void missingIdAndMissingReason() {
        assertDiagnostics("demo/pack.yaml", HEAD + """
                permissions:
                  - reason: Runs ffmpeg to encode MP4
                  - id: subprocess
                """,
                d(5, 4, 5, 10, "permission-missing-id", "permissions[0].id"),
                d(6, 8, 6, 18, "permission-missing-reason", "permissions[1].reason"));
    }

    @Test
    void blankOrNonTextReason() {
        assertDiagnostics("demo/pack.yaml", HEAD + """
                permissions:
                  - id: network
                    reason: "   "
                  - id: subprocess
                    reason:
                  - id: accelerator
                    reason: 42
                """,
                d(6, 12, 6, 17, "permission-blank-reason", "permissions[0].reason must be a non-empty string"),
                d(8, 4, 8, 10, "permission-blank-reason", "permissions[1].reason"),
                d(10, 12, 10, 14, "permission-blank-reason", "the number 42"));
    }

    @Test
    void unknownFieldSuggestsTheField() {
        var ds = assertDiagnostics("demo/pack.yaml", HEAD + """
                permissions:
                  - id: network
                    reason: Calls api.openai.com for captions
                    service: [api.openai.com]
                    scope: all
                """,
                d(7, 4, 7, 11, "permission-unknown-field", "Did you mean `services`?"),
                d(8, 4, 8, 9, "permission-unknown-field", "permissions[0] has unknown field(s): scope"));
        assertEquals(Map.of("field", "service", "suggestion", "services"), ds.get(0).data());
    }

    @Test
    void accessMustBeOneNonBlankString() {
        assertDiagnostics("demo/pack.yaml", HEAD + """
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
                d(7, 4, 7, 10, "permission-invalid-access", "rather than a list"),
                d(10, 12, 10, 14, "permission-invalid-access"),
                d(13, 12, 13, 15, "permission-invalid-access", "the boolean yes"));
    }

    @Test
    void servicesMustBeAListOfNonBlankStrings() {
        assertDiagnostics("demo/pack.yaml", HEAD + """
                permissions:
                  - id: network
                    reason: Calls api.openai.com for captions
                    services: api.openai.com
                  - id: external_services
                    reason: Sends audio to AssemblyAI for transcription
                    services: [api.assemblyai.com, "", 7]
                """,
                d(7, 14, 7, 28, "permission-invalid-services", "services: [api.openai.com]"),
                d(10, 35, 10, 37, "permission-invalid-services", "services[1]"),
                d(10, 39, 10, 40, "permission-invalid-services", "services[2]"));
    }

    @Test
    void servicesMustBeUniqueInSchemaVersion2Only() {
        String perms = """
                permissions:
                  - id: network
                    reason: Calls api.openai.com for captions
                    services: [api.openai.com, api.openai.com]
                """;
        assertCode("demo/pack.yaml", HEAD + perms, "permission-invalid-services");
        assertCode("demo/pack.yaml", HEAD.replace("schema_version: 1", "schema_version: 2")
                        + "capabilities: [caption]\n" + perms, "permission-invalid-services",
                d(8, 31, 8, 45, "permission-invalid-services", "unique"));
    }

    @Test
    void permissionsMustBeAListOfMappings() {
        assertDiagnostics("demo/pack.yaml", HEAD + "permissions:\n  network: Calls api.openai.com\n",
                d(4, 0, 4, 11, "permissions-not-list"));
        assertDiagnostics("demo/pack.yaml", HEAD + "permissions: network\n",
                d(4, 13, 4, 20, "permissions-not-list"));
        assertDiagnostics("demo/pack.yaml", HEAD + "permissions:\n  - network\n",
                d(5, 4, 5, 11, "permission-not-mapping", "permissions[0] must be an object"));
    }

    @Test
    void emptyOrAbsentPermissionsDeclareNothing() {
        assertDiagnostics("demo/pack.yaml", HEAD + "permissions: []\n");
        assertDiagnostics("demo/pack.yaml", HEAD + "permissions:\n");
        assertDiagnostics("demo/pack.yaml", HEAD);
    }

    @Test
    void duplicateIdIsAWarningPointingAtTheFirst() {
        var ds = assertDiagnostics("demo/pack.yaml", HEAD + """
                permissions:
                  - id: network
                    reason: Calls api.openai.com for captions
                  - id: network
                    reason: Downloads model weights from huggingface.co
                """, d(7, 8, 7, 15, "permission-duplicate-id", Severity.WARNING));
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
                """, "permissions-in-component",
                d(5, 0, 5, 11, "permissions-in-component", "Move this block to the pack's pack.yaml"));
    }

    @Test
    void jsonTextManifestsGetTheSameChecks() {
        assertDiagnostics("demo/pack.json", """
                {"schema_version": 1, "id": "demo", "name": "Demo", "version": "1.0.0",
                 "permissions": [{"id": "env", "reason": "Reads the OpenAI key for API calls"}]}
                """, d(1, 24, 1, 29, "permission-unknown-id", "Did you mean 'environment'?"));
    }

    @Test
    void otherYamlFilesAreLeftAlone() {
        assertEquals(List.of(), ManifestAssert.diagnose("ci.yaml", "permissions: [oops\n"));
        assertEquals(List.of(), ManifestAssert.diagnose("docker-compose.yml", "services:\n  - bad: [\n"));
    }
}
