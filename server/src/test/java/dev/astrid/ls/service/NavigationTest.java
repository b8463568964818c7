package dev.astrid.ls.service;

import static dev.astrid.ls.ManifestAssert.PACK_HEAD;
import static dev.astrid.ls.ManifestAssert.applyEdits;
import static dev.astrid.ls.ManifestAssert.uri;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.astrid.ls.ManifestAssert;
import dev.astrid.ls.core.CancelChecker;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Go to, find all and rename, for secrets and components, across a pack's manifests. */
class NavigationTest {
    static final String EXEC = "schema_version: 1\nid: demo.fetch\nname: Fetch\nversion: 1.0.0\nkind: external\n"
            + "isolation:\n  secrets_required: [FAL_KEY]\n";
    static final String ORCH = "schema_version: 1\nid: demo.daily\nname: Daily\nversion: 1.0.0\n"
            + "runtime: {kind: python, module: run, function: main}\nchild_executors:\n  - demo.fetch\n  - other.thing\n";
    static final String PACK = PACK_HEAD + "agent:\n  normal_entrypoints: [demo.daily, \"demo.fetch\"]\npermissions:\n"
            + "  - id: environment\n    reason: Reads FAL_KEY (not FAL_KEYS) for fal.ai\nsecrets:\n  - name: FAL_KEY\n"
            + "    required: true\n";

    /** The three files; the one named holds a caret. */
    static Map<String, String> files(String withCaret, String text) {
        Map<String, String> files = new LinkedHashMap<>(Map.of("demo/pack.yaml", PACK,
                "demo/executors/fetch/executor.yaml", EXEC, "demo/orchestrators/daily/orchestrator.yaml", ORCH));
        files.put(withCaret, text);
        return files;
    }

    record At(LanguageService service, Snapshot snapshot, int offset) {}

    static At at(Map<String, String> files, String file) {
        String text = files.get(file);
        int caret = text.indexOf('|');
        Map<String, String> clean = new LinkedHashMap<>(files);
        clean.put(file, text.substring(0, caret) + text.substring(caret + 1));
        LanguageService s = ManifestAssert.service(clean);
        return new At(s, ManifestAssert.snapshot(s, file), caret);
    }

    /** "file:line:col-col" of each location. */
    static List<String> shown(List<NavigationService.Location> locations) {
        return locations.stream().map(l -> l.uri().substring(uri("").length()) + ":" + l.range().start().line() + ":"
                + l.range().start().character() + "-" + l.range().end().character()).toList();
    }

    @Test
    void aSecretsMentionInAReasonGoesToItsDeclarations() {
        At a = at(files("demo/pack.yaml", PACK.replace("Reads FAL_KEY", "Reads FAL_|KEY")), "demo/pack.yaml");
        assertEquals(List.of("demo/pack.yaml:10:10-17", "demo/executors/fetch/executor.yaml:6:21-28"),
                shown(a.service().definition(a.snapshot(), a.offset(), CancelChecker.NEVER)));
    }

    @Test
    void everyPlaceThatNamesASecretWholeWordsOnly() {
        At a = at(files("demo/executors/fetch/executor.yaml", EXEC.replace("[FAL_KEY]", "[FA|L_KEY]")),
                "demo/executors/fetch/executor.yaml");
        assertEquals(List.of("demo/pack.yaml:10:10-17", "demo/executors/fetch/executor.yaml:6:21-28",
                        "demo/pack.yaml:8:18-25"),
                shown(a.service().references(a.snapshot(), a.offset(), true, CancelChecker.NEVER)));
        assertEquals(List.of("demo/pack.yaml:8:18-25"),
                shown(a.service().references(a.snapshot(), a.offset(), false, CancelChecker.NEVER)));
    }

    @Test
    void findingASecretsReferencesListsTheCodeThatReadsItToo() {
        Map<String, String> files = files("demo/pack.yaml", PACK.replace("name: FAL_KEY", "name: F|AL_KEY"));
        files.put("demo/executors/fetch/run.py", "import os\nfrom astrid.core.util.credentials_scope import CredentialsScope\n"
                + "key = os.environ[\"FAL_KEY\"]\nsame = CredentialsScope.get_local(\"fal\")\n");
        At a = at(files, "demo/pack.yaml");
        assertEquals(List.of("demo/pack.yaml:8:18-25", "demo/executors/fetch/run.py:2:6-27",
                "demo/executors/fetch/run.py:3:7-33"), shown(a.service().references(a.snapshot(), a.offset(), false,
                CancelChecker.NEVER)), "the mention, then the literal read and Astrid's provider lookup");
    }

    /**
     * Code is not renamed with the manifests: that would leave it reading a name the pack no longer
     * declares. So a rename of a secret the code reads is refused, naming the read.
     */
    @Test
    void aSecretTheCodeReadsIsNotRenamedBehindItsBack() {
        Map<String, String> files = files("demo/pack.yaml", PACK.replace("name: FAL_KEY", "name: F|AL_KEY"));
        files.put("demo/executors/fetch/run.py", "import os\nkey = os.environ[\"FAL_KEY\"]\n");
        At a = at(files, "demo/pack.yaml");
        var result = a.service().rename(a.snapshot(), a.offset(), "FAL_API_KEY", CancelChecker.NEVER);
        assertEquals(List.of(), result.edits());
        assertEquals("FAL_KEY is read by the pack's code (executors/fetch/run.py:2 os.environ[\"FAL_KEY\"]): renaming "
                + "it in the manifests alone would leave the code reading a variable the pack no longer declares. Change "
                + "the code first, then rename.", result.refusal());
        files.put("demo/executors/fetch/run.py", "import os\nkey = os.environ[\"FAL_API_KEY\"]\n");
        At changed = at(files, "demo/pack.yaml");
        assertNull(changed.service().rename(changed.snapshot(), changed.offset(), "FAL_API_KEY", CancelChecker.NEVER)
                .refusal(), "once the code reads the new name, the manifests follow");
    }

    @Test
    void renamingASecretRewritesEveryManifestAndReason() {
        Map<String, String> files = files("demo/pack.yaml", PACK.replace("name: FAL_KEY", "name: F|AL_KEY"));
        At a = at(files, "demo/pack.yaml");
        var target = a.service().prepareRename(a.snapshot(), a.offset(), CancelChecker.NEVER);
        assertEquals("FAL_KEY", target.placeholder());
        var result = a.service().rename(a.snapshot(), a.offset(), "FAL_API_KEY", CancelChecker.NEVER);
        Map<String, String> renamed = applied(files, result.edits());
        assertEquals(PACK.replace("Reads FAL_KEY (", "Reads FAL_API_KEY (").replace("name: FAL_KEY", "name: FAL_API_KEY"),
                renamed.get("demo/pack.yaml"));
        assertEquals(EXEC.replace("FAL_KEY", "FAL_API_KEY"), renamed.get("demo/executors/fetch/executor.yaml"));
        assertEquals("'fal-key' is not a valid secret name: an environment variable name is a letter or underscore, "
                + "then letters, digits or underscores",
                a.service().rename(a.snapshot(), a.offset(), "fal-key", CancelChecker.NEVER).refusal());
    }

    @Test
    void aComponentReferenceGoesToItsManifestAndBack() {
        At a = at(files("demo/orchestrators/daily/orchestrator.yaml", ORCH.replace("  - demo.fetch", "  - demo.fe|tch")),
                "demo/orchestrators/daily/orchestrator.yaml");
        assertEquals(List.of("demo/executors/fetch/executor.yaml:1:4-14"),
                shown(a.service().definition(a.snapshot(), a.offset(), CancelChecker.NEVER)));
        At id = at(files("demo/executors/fetch/executor.yaml", EXEC.replace("id: demo.fetch", "id: demo.f|etch")),
                "demo/executors/fetch/executor.yaml");
        assertEquals(List.of("demo/executors/fetch/executor.yaml:1:4-14", "demo/pack.yaml:5:36-46",
                        "demo/orchestrators/daily/orchestrator.yaml:6:4-14"),
                shown(id.service().references(id.snapshot(), id.offset(), true, CancelChecker.NEVER)));
    }

    @Test
    void renamingAComponentKeepsItsPackPrefixAndUpdatesEveryReference() {
        Map<String, String> files = files("demo/executors/fetch/executor.yaml", EXEC.replace("id: demo.fetch",
                "id: demo.fe|tch"));
        At a = at(files, "demo/executors/fetch/executor.yaml");
        var target = a.service().prepareRename(a.snapshot(), a.offset(), CancelChecker.NEVER);
        assertEquals("fetch", target.placeholder());
        assertEquals(1, target.range().start().line());
        assertEquals(9, target.range().start().character(), "only the part after 'demo.'");
        Map<String, String> renamed = applied(files, a.service().rename(a.snapshot(), a.offset(), "download",
                CancelChecker.NEVER).edits());
        assertEquals(PACK.replace("\"demo.fetch\"", "\"demo.download\""), renamed.get("demo/pack.yaml"));
        assertEquals(EXEC.replace("demo.fetch", "demo.download"), renamed.get("demo/executors/fetch/executor.yaml"));
        assertEquals(ORCH.replace("  - demo.fetch", "  - demo.download"),
                renamed.get("demo/orchestrators/daily/orchestrator.yaml"));
        assertTrue(a.service().rename(a.snapshot(), a.offset(), "Download", CancelChecker.NEVER).refusal()
                .startsWith("'Download' is not a valid component name"));
    }

    @Test
    void declaredSecretNamesCompleteInAComponentsLists() {
        Map<String, String> files = files("demo/executors/fetch/executor.yaml", EXEC
                + "  env_passthrough:\n    - |\n");
        At a = at(files, "demo/executors/fetch/executor.yaml");
        assertEquals(List.of("FAL_KEY"), ManifestAssert.labels(a.service().complete(a.snapshot(), a.offset(),
                CancelChecker.NEVER)));
        Map<String, String> flow = files("demo/executors/fetch/executor.yaml", EXEC.replace("[FAL_KEY]", "[FAL_KEY, |]"));
        At b = at(flow, "demo/executors/fetch/executor.yaml");
        assertEquals(List.of(), ManifestAssert.labels(b.service().complete(b.snapshot(), b.offset(), CancelChecker.NEVER)),
                "FAL_KEY is already in the list");
    }

    @Test
    void componentIdsCompleteInChildExecutorsAndEntrypoints() {
        Map<String, String> files = files("demo/orchestrators/daily/orchestrator.yaml", ORCH.replace("  - other.thing\n",
                "  - other.thing\n  - |\n"));
        At a = at(files, "demo/orchestrators/daily/orchestrator.yaml");
        assertEquals(List.of(), ManifestAssert.labels(a.service().complete(a.snapshot(), a.offset(), CancelChecker.NEVER)),
                "demo.fetch is listed already and demo.daily is an orchestrator");
        At b = at(files("demo/pack.yaml", PACK.replace("[demo.daily, \"demo.fetch\"]", "[|]")), "demo/pack.yaml");
        assertEquals(List.of("demo.fetch", "demo.daily"),
                ManifestAssert.labels(b.service().complete(b.snapshot(), b.offset(), CancelChecker.NEVER)));
    }

    @Test
    void elementKindsComeFromThePacksRegistryAndTheBuiltIns() {
        Map<String, String> files = files("demo/elements/wipes/fade/element.yaml", "schema_version: 1\nid: fade\nkind: |\n");
        files.put("demo/pack.yaml", PACK + "extensions:\n  elements:\n    kinds:\n      - id: wipes\n");
        At a = at(files, "demo/elements/wipes/fade/element.yaml");
        var labels = ManifestAssert.labels(a.service().complete(a.snapshot(), a.offset(), CancelChecker.NEVER));
        assertTrue(labels.contains("wipes") && labels.contains("effects") && labels.contains("transitions"), labels.toString());
    }

    @Test
    void nothingToGoToOnPlainText() {
        At a = at(files("demo/pack.yaml", PACK.replace("name: Demo", "name: De|mo")), "demo/pack.yaml");
        assertEquals(List.of(), a.service().definition(a.snapshot(), a.offset(), CancelChecker.NEVER));
        assertNull(a.service().prepareRename(a.snapshot(), a.offset(), CancelChecker.NEVER));
    }

    static Map<String, String> applied(Map<String, String> files, List<dev.astrid.ls.edit.Edit> edits) {
        Map<String, String> out = new TreeMap<>();
        files.forEach((name, text) -> {
            String clean = text.replace("|", "");
            out.put(name, applyEdits(clean, edits.stream().filter(e -> e.uri().equals(uri(name))).toList()));
        });
        return out;
    }
}
