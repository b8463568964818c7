package dev.astrid.ls.rules;

import static dev.astrid.ls.ManifestAssert.PACK_HEAD;
import static dev.astrid.ls.ManifestAssert.assertCode;
import static dev.astrid.ls.ManifestAssert.d;
import static dev.astrid.ls.ManifestAssert.diagnose;
import static dev.astrid.ls.ManifestAssert.related;
import static dev.astrid.ls.core.Severity.INFORMATION;
import static dev.astrid.ls.core.Severity.WARNING;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.astrid.ls.ManifestAssert;
import dev.astrid.ls.core.Diagnostic;
import dev.astrid.ls.core.Settings;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** network-undeclared: on the pack manifest, from the pack's code and its components. */
class NetworkRuleTest {
    static final String PERMS = PACK_HEAD + "permissions:\n  - id: project_files\n    reason: Writes meshes into assets\n";
    static final String FETCH = """
            import urllib.request

            def download_mesh(url, target):
                urllib.request.urlretrieve(url, target)
            """;

    @Test
    void aCallInCodeIsAWarningOnThePermissionsKeyNamingTheCallAndLinkingIt() {
        Diagnostic d = assertCode(Map.of("demo/pack.yaml", PERMS, "demo/tools/fetch.py", FETCH), "demo/pack.yaml",
                NetworkRule.UNDECLARED, d(4, 0, 4, 11, NetworkRule.UNDECLARED, WARNING,
                        "Undeclared `network`: tools/fetch.py:4 urllib.request.urlretrieve(...). Astrid accepts")).get(0);
        assertEquals(List.of("demo/tools/fetch.py:4:5 urllib.request.urlretrieve(...)"), related(d));
        assertEquals("network", d.data().get("permission"));
    }

    @Test
    void withoutAPermissionsKeyItSitsOnTheFirstKey() {
        assertCode(Map.of("demo/pack.yaml", PACK_HEAD, "demo/run.py", FETCH), "demo/pack.yaml", NetworkRule.UNDECLARED,
                d(0, 0, 0, 14, NetworkRule.UNDECLARED, WARNING));
    }

    @Test
    void aComponentsIsolationNetworkIsEvidenceAndTheFindingStaysOnThePack() {
        Map<String, String> files = Map.of("demo/pack.yaml", PERMS, "demo/executors/fetch/executor.yaml",
                "schema_version: 1\nid: demo.fetch\nname: Fetch\nversion: 1.0.0\nkind: external\nisolation:\n"
                        + "  network: true\n");
        Diagnostic d = assertCode(files, "demo/pack.yaml", NetworkRule.UNDECLARED, d(4, 0, 4, 11, NetworkRule.UNDECLARED,
                WARNING, "Undeclared `network`: executors/fetch/executor.yaml:7 isolation.network: true.")).get(0);
        assertEquals(List.of("demo/executors/fetch/executor.yaml:7:12 isolation.network: true"), related(d));
        assertEquals(List.of(), diagnose(files, "demo/executors/fetch/executor.yaml", Settings.DEFAULTS).stream()
                .filter(x -> x.code() == NetworkRule.UNDECLARED).toList(), "one finding, where the fix goes");
    }

    @Test
    void networkOnlyInsideAChromiumTheCodeStartsIsInformationThatSaysWhyEvenWhenSetToError() {
        Map<String, String> files = Map.of("demo/pack.yaml", PERMS, "demo/snap.py", """
                import subprocess
                subprocess.run([browser, "--headless=new", "--screenshot=page.png", url])
                """);
        String why = "Possibly undeclared `network`: snap.py:2 \"--headless=new\" (network only inside a Chromium "
                + "subprocess (started with --headless=new)). Not certain, so information only";
        assertCode(files, "demo/pack.yaml", NetworkRule.UNDECLARED, d(4, 0, 4, 11, NetworkRule.UNDECLARED, INFORMATION, why));
        Settings error = Settings.from(Map.of("severity", Map.of("network-undeclared", "error")));
        assertEquals(List.of(INFORMATION), diagnose(files, "demo/pack.yaml", error).stream()
                .filter(x -> x.code() == NetworkRule.UNDECLARED).map(Diagnostic::severity).toList(), "never an error");
    }

    @Test
    void aDeclaredNetworkOrATurnedOffCodeIsQuiet() {
        String declared = PERMS + "  - id: network\n    reason: Downloads meshes from api.meshcat.io\n";
        assertCode(Map.of("demo/pack.yaml", declared, "demo/run.py", FETCH), "demo/pack.yaml", NetworkRule.UNDECLARED);
        Settings off = Settings.from(Map.of("severity", Map.of("network-undeclared", "off")));
        assertEquals(List.of(), diagnose(Map.of("demo/pack.yaml", PERMS, "demo/run.py", FETCH), "demo/pack.yaml", off)
                .stream().filter(x -> x.code() == NetworkRule.UNDECLARED).toList());
    }

    @Test
    void manyPlacesAreCountedAndTheFirstTwentyLinked() {
        StringBuilder code = new StringBuilder("import requests\n");
        for (int i = 0; i < 25; i++) {
            code.append("requests.get(u").append(i).append(")\n");
        }
        Diagnostic d = assertCode(Map.of("demo/pack.yaml", PERMS, "demo/run.py", code.toString()), "demo/pack.yaml",
                NetworkRule.UNDECLARED, d(4, 0, 4, 11, NetworkRule.UNDECLARED, WARNING,
                        "run.py:2 requests.get(...) and 24 more places (the first 20 are linked)")).get(0);
        assertEquals(20, d.related().size());
    }

    @Test
    void codeOutsideThePackOrInANestedPackIsNotThePacks() {
        Map<String, String> files = Map.of("demo/pack.yaml", PERMS, "other/run.py", FETCH,
                "demo/vendor/pack.yaml", PACK_HEAD.replace("demo", "vendor"), "demo/vendor/run.py", FETCH,
                "demo/.venv/lib/requests/api.py", FETCH);
        assertCode(files, "demo/pack.yaml", NetworkRule.UNDECLARED);
        assertTrue(diagnose(files, "demo/vendor/pack.yaml", Settings.DEFAULTS).stream()
                .anyMatch(x -> x.code() == NetworkRule.UNDECLARED), "the nested pack has its own code");
    }

    @Test
    void noPermissionIsAddedToAPermissionsValueThatIsNotAList() {
        Map<String, String> files = Map.of("demo/pack.yaml", PACK_HEAD + "permissions: {id: project_files}\n",
                "demo/run.py", FETCH);
        var service = ManifestAssert.service(files);
        var titles = ManifestAssert.actions(service, ManifestAssert.snapshot(service, "demo/pack.yaml"),
                NetworkRule.UNDECLARED, false).stream().map(a -> a.fix().title()).toList();
        assertEquals(List.of("Suppress network-undeclared on this line", "Suppress network-undeclared in this file"), titles,
                "permissions-not-list comes first: rewriting the value would drop what it holds");
    }
}
