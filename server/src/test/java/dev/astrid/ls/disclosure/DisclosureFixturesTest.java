package dev.astrid.ls.disclosure;

import static dev.astrid.ls.model.PermissionId.ACCELERATOR;
import static dev.astrid.ls.model.PermissionId.ENVIRONMENT;
import static dev.astrid.ls.model.PermissionId.EXTERNAL_SERVICES;
import static dev.astrid.ls.model.PermissionId.NETWORK;
import static dev.astrid.ls.model.PermissionId.SUBPROCESS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.astrid.ls.core.CancelChecker;
import dev.astrid.ls.model.PermissionId;
import dev.astrid.ls.workspace.PackView;
import dev.astrid.ls.workspace.Workspace;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The fixture packs under {@code src/test/resources/disclosure}: code written for these tests in
 * the shapes, and with the traps, of real Astrid packs. They always run, with or without the code
 * corpus. Each pack's comment says what it holds.
 */
class DisclosureFixturesTest {
    static final Path FIXTURES = Path.of("src/test/resources/disclosure").toAbsolutePath();

    record Result(PackDisclosure disclosure, Declarations declarations) {
        /** Undeclared permissions, each with "C" when some evidence is certain, else "U". */
        Map<PermissionId, String> undeclared() {
            return disclosure.undeclared(declarations).entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
                    e -> e.getValue().get(0).certain() ? "C" : "U"));
        }

        Set<String> variables() {
            return new TreeSet<>(disclosure.undeclaredVariables(declarations).keySet());
        }
    }

    static Result analyse(String pack) {
        Workspace ws = new Workspace();
        ws.addRoot(FIXTURES);
        PackView view = ws.pack(FIXTURES.resolve(pack)).orElseThrow();
        return new Result(new DisclosureAnalyzer().analyse(view, CancelChecker.NEVER), Declarations.of(view));
    }

    @Test
    void networkByUrllibAndRequestsATokenByItsLiteralNameAndAPaidSdk() {
        Result r = analyse("mesh_tools");
        assertEquals(Map.of(NETWORK, "C", ENVIRONMENT, "C", EXTERNAL_SERVICES, "C"), r.undeclared());
        assertEquals(Set.of("MESHCAT_TOKEN"), r.variables());
        assertEquals(Set.of("api.meshcat.io"), r.disclosure().hosts().keySet());
        assertEquals(List.of("executors/convert/run.py:13 requests.get(...)",
                "executors/convert/run.py:13 CATALOGUE → \"https://api.meshcat.io/v2\"",
                "executors/convert/run.py:20 urllib.request.urlretrieve(...)",
                "executors/convert/upscale.py:7 replicate.run(...)"),
                r.disclosure().evidence(NETWORK).stream().map(Evidence::display).toList());
        assertEquals("Calls api.meshcat.io to search catalogues and download meshes",
                ReasonDrafter.draft(NETWORK, r.disclosure().evidence(NETWORK)));
    }

    @Test
    void variablesByALiteralAConstantAndAProviderTable() {
        Result r = analyse("key_lookup");
        assertEquals(Set.of("MISTRAL_API_KEY", "NOTES_STORE_DIR", "NOTES_VERBOSE"), r.variables(),
                "OPENAI_API_KEY is declared; the table's run-time key is no single name");
        Evidence byKey = r.disclosure().evidence(ENVIRONMENT).stream().filter(e -> !e.certain()).findFirst().orElseThrow();
        assertEquals("the variable is picked from KEY_VARIABLES at run time: one of MISTRAL_API_KEY, OPENAI_API_KEY",
                byKey.note());
        assertEquals(Map.of(EXTERNAL_SERVICES, "C"), r.undeclared(), "api.mistral.ai is called by a literal URL");
        assertEquals(Set.of("api.mistral.ai"), r.disclosure().hostsNotListed(r.declarations()).keySet(),
                "api.openai.com is listed; the dictionary's URLs are not traced to a request");
    }

    @Test
    void networkOnlyInsideAChromiumTheCodeStartsIsUncertain() {
        Result r = analyse("page_snap");
        assertEquals(Map.of(NETWORK, "U", ENVIRONMENT, "C"), r.undeclared());
        assertTrue(r.disclosure().evidence(NETWORK).get(0).note().contains("Chromium"));
        assertEquals(Set.of("PAGE_SNAP_BROWSER"), r.variables());
    }

    @Test
    void stepsTheHostRunsAndTheVariablesItProvidesAreNotTheCodesOwnUses() {
        Result r = analyse("task_steps");
        assertEquals(Map.of(), r.undeclared());
        assertEquals(List.of(), r.disclosure().evidence(ENVIRONMENT), "ASTRID_* task variables and HOME are the host's");
        assertEquals(List.of(), r.disclosure().evidence(NETWORK));
        assertEquals(List.of("review.py:13 astrid.orchestrate.code(\"python3\", ...)"),
                r.disclosure().evidence(SUBPROCESS).stream().map(Evidence::display).toList(),
                "the step is the subprocess use; the code in its string is not read");
        assertEquals(List.of(), r.disclosure().withoutEvidence(r.declarations()));
    }

    @Test
    void declaredButUnusedWhenEveryFileWasReadAndNothingLoadsCodeDynamically() {
        Result r = analyse("quiet_pack");
        assertEquals(List.of(NETWORK, SUBPROCESS, ENVIRONMENT), r.disclosure().withoutEvidence(r.declarations()));
        Result dynamic = analyse("plugin_host");
        assertEquals(1, dynamic.disclosure().dynamicCode().size());
        assertEquals(List.of(), dynamic.disclosure().withoutEvidence(dynamic.declarations()),
                "importlib.import_module of a run-time name: the plugins may use network");
    }

    @Test
    void aHalfWrittenFileStillGivesTheUsesBeforeAndAfterTheBrokenLines() {
        Result r = analyse("half_written");
        assertEquals(List.of("fetch.py"), r.disclosure().filesWithSyntaxErrors().stream()
                .map(u -> u.substring(u.lastIndexOf('/') + 1)).toList());
        assertEquals(Map.of(NETWORK, "C", SUBPROCESS, "C", ENVIRONMENT, "C"), r.undeclared());
        assertEquals(List.of(7), r.disclosure().evidence(NETWORK).stream().map(Evidence::line).toList(), "before");
        assertEquals(List.of(17), r.disclosure().evidence(SUBPROCESS).stream().map(Evidence::line).toList(), "after");
        assertEquals(List.of(16), r.disclosure().evidence(ACCELERATOR).stream().map(Evidence::line).toList(), "after");
        assertEquals(List.of(), r.disclosure().withoutEvidence(r.declarations()), "an invalid file proves no absence");
    }
}
