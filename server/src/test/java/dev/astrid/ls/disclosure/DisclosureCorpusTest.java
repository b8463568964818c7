package dev.astrid.ls.disclosure;

import static dev.astrid.ls.model.PermissionId.ACCELERATOR;
import static dev.astrid.ls.model.PermissionId.ENVIRONMENT;
import static dev.astrid.ls.model.PermissionId.EXTERNAL_SERVICES;
import static dev.astrid.ls.model.PermissionId.NETWORK;
import static dev.astrid.ls.model.PermissionId.SUBPROCESS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.astrid.ls.core.CancelChecker;
import dev.astrid.ls.core.Diagnostic;
import dev.astrid.ls.model.PermissionId;
import dev.astrid.ls.rules.CorpusTest;
import dev.astrid.ls.rules.PermissionEvidenceRule;
import dev.astrid.ls.service.LanguageService;
import dev.astrid.ls.testkit.CodeCorpus;
import dev.astrid.ls.workspace.PackView;
import dev.astrid.ls.workspace.Workspace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The real Astrid packs of the code corpus ({@link CodeCorpus}: skipped where it is absent)
 * against its hand-checked TRUTH.md. Each pack's
 * expectation lists what TRUTH marks certain (C), and separately what it also supports as
 * uncertain (U), which a finding may name but a test does not require.
 */
class DisclosureCorpusTest {

    /**
     * @param certain undeclared permissions TRUTH marks C, which must be found for certain
     * @param variables variables read in code and declared nowhere, C in TRUTH's env tables
     * @param supported further undeclared permissions TRUTH supports (U rows), allowed at any certainty
     * @param unused declared permissions TRUTH marks C as unused (a permission-without-evidence hint)
     * @param hosts hosts TRUTH marks C as contacted
     */
    record Expect(Set<PermissionId> certain, Set<String> variables, Set<PermissionId> supported,
            Set<PermissionId> unused, Set<String> hosts) {}

    static final Map<String, Expect> TRUTH = Map.of(
            // §1. Environment: the 16 names of TRUTH's env table, none declared. external_services: Sketchfab
            // (api.sketchfab.com) and RunPod (runpod SDK calls); TRUTH also names Hetzner, which only an IP
            // address shows. Accelerator is U (a --device flag passed to the blender child): not required.
            // The home-directory credential files are a project_files question, which the checker has no
            // table for (every corpus pack declares project_files anyway). No "unused" hint: renders/ loads
            // modules with importlib, so absence proves nothing.
            "banodoco-ArtAgents/astrid/packs/blender", new Expect(Set.of(ENVIRONMENT, EXTERNAL_SERVICES), Set.of(
                    "SKETCHFAB_TOKEN", "RUNPOD_API_KEY", "BLENDER_RENDER_TOKEN", "HETZNER_HOST", "HETZNER_USER",
                    "HETZNER_PORT", "BLENDER_RENDER_PORT", "RUNPOD_GPU_TYPE", "RUNPOD_WORKER_IMAGE", "RUNPOD_TEMPLATE_ID",
                    "BLENDER_EXEC", "FFMPEG_EXEC", "BLENDER_RENDER_TIMEOUT", "BLENDER_MAX_BODY_MB", "BLENDER_RENDER_HOST",
                    "BLENDER_RENDER_CONCURRENCY"), Set.of(ACCELERATOR), Set.of(), Set.of("api.sketchfab.com")),
            // §2 and §4: everything happens in `python3 -c` strings the host runs (the trap); the DSL's
            // code(argv=...) steps are the subprocess use TRUTH marks C, so subprocess is not "unused".
            "banodoco-ArtAgents/examples/packs/text_digest", none(Set.of()),
            "banodoco-ArtAgents/examples/packs/file_summarizer", none(Set.of()),
            // §5: no code at all: network, subprocess and environment are declared but unused (C here).
            "banodoco-ArtAgents/examples/packs/media", none(Set.of(NETWORK, SUBPROCESS, ENVIRONMENT)),
            // §6: the orchestrator's module is missing, so subprocess is unused (C here).
            "banodoco-ArtAgents/examples/packs/minimal", none(Set.of(SUBPROCESS)),
            // §7: ASTRID_CAPTURE_CHROME is C. ASTRID_BROKER_PROXY (U in TRUTH) is set by the Astrid host
            // (generic_host.py _child_environment), so it is not the user's variable and is not reported.
            // Network happens only inside Chromium: uncertain evidence, enough to keep "unused" quiet.
            "peteromallet-Astrid-agent/astrid/packs/capture", new Expect(Set.of(ENVIRONMENT),
                    Set.of("ASTRID_CAPTURE_CHROME"), Set.of(), Set.of(), Set.of()),
            // §8: paid fal endpoints without external_services (C); FAL_KEY is declared; subprocess unused (C).
            // rest.alpha.fal.ai is contacted in reference mode (C) through fal_storage_upload.
            "peteromallet-Astrid-agent/astrid/packs/fal", new Expect(Set.of(EXTERNAL_SERVICES), Set.of(), Set.of(),
                    Set.of(SUBPROCESS), Set.of("queue.fal.run", "rest.alpha.fal.ai")),
            // §11: GIPHY and fal.ai without external_services (C); both secrets declared.
            "peteromallet-Astrid-agent/astrid/packs/media", new Expect(Set.of(EXTERNAL_SERVICES), Set.of(), Set.of(),
                    Set.of(), Set.of("api.giphy.com")),
            // §12: subprocess, network and accelerator are U (inside vibecomfy): found as uncertain, so no hint.
            "peteromallet-Astrid-agent/astrid/packs/comfy_wrap", none(Set.of()),
            // §14: elements only, no Python.
            "peteromallet-Astrid/astrid/packs/local", none(Set.of()));

    /** Names TRUTH marks as traps: host-provided task variables and those only inside `python3 -c` strings. */
    static final Set<String> TRAPS = Set.of("ASTRID_TASK_INPUT_TEXT", "ASTRID_TASK_PRODUCES_DIR", "ASTRID_PROJECTS_ROOT",
            "ASTRID_TASK_PROJECT", "ASTRID_TASK_RUN_ID", "ASTRID_INTERNAL_INVOCATION", "ASTRID_HOME", "ASTRID_ENV_FILE",
            "ASTRID_BROKER_PROXY");

    static Expect none(Set<PermissionId> unused) {
        return new Expect(Set.of(), Set.of(), Set.of(), unused, Set.of());
    }

    record Result(PackDisclosure disclosure, Declarations declarations) {}

    static Map<String, Result> analyseAll() throws IOException {
        Path corpus = CodeCorpus.require();
        Workspace ws = new Workspace();
        ws.addRoot(corpus); // files on disk are read only inside the workspace's roots
        DisclosureAnalyzer analyzer = new DisclosureAnalyzer();
        Map<String, Result> out = new TreeMap<>();
        try (Stream<Path> files = Files.walk(corpus)) {
            for (Path manifest : files.filter(p -> p.getFileName().toString().equals("pack.yaml")).toList()) {
                Path root = manifest.getParent();
                PackView pack = ws.pack(root).orElseThrow();
                out.put(corpus.relativize(root).toString().replace('\\', '/'), new Result(
                        analyzer.analyse(pack, CancelChecker.NEVER), Declarations.of(pack)));
            }
        }
        return out;
    }

    @Test
    void everyPackGetsTheCertainUndeclaredUsesTruthMarks() throws IOException {
        Map<String, Result> all = analyseAll();
        assertEquals(TRUTH.keySet(), all.keySet(), "every corpus pack has an expectation");
        all.forEach((pack, r) -> {
            Expect e = TRUTH.get(pack);
            Set<PermissionId> certain = r.disclosure().undeclared(r.declarations()).entrySet().stream()
                    .filter(x -> x.getValue().get(0).certain()).map(Map.Entry::getKey).collect(Collectors.toSet());
            assertEquals(e.certain(), certain, pack + ": undeclared for certain");
            Set<String> variables = new TreeSet<>();
            r.disclosure().undeclaredVariables(r.declarations()).forEach((name, sites) -> {
                if (sites.get(0).certain()) {
                    variables.add(name);
                }
            });
            assertEquals(new TreeSet<>(e.variables()), variables, pack + ": variables read and declared nowhere");
            Set<String> hosts = r.disclosure().hosts().entrySet().stream().filter(x -> x.getValue().get(0).certain())
                    .map(Map.Entry::getKey).collect(Collectors.toSet());
            assertEquals(e.hosts(), hosts, pack + ": hosts contacted for certain");
        });
    }

    @Test
    void noFindingTruthDoesNotSupport() throws IOException {
        analyseAll().forEach((pack, r) -> {
            Expect e = TRUTH.get(pack);
            for (PermissionId p : r.disclosure().undeclared(r.declarations()).keySet()) {
                assertTrue(e.certain().contains(p) || e.supported().contains(p), pack + ": " + p + " "
                        + r.disclosure().evidence(p).stream().map(Evidence::display).toList());
            }
            for (String name : r.disclosure().undeclaredVariables(r.declarations()).keySet()) {
                assertTrue(e.variables().contains(name), pack + ": variable " + name);
            }
            for (String trap : TRAPS) {
                assertTrue(!r.disclosure().variables().containsKey(trap), pack + ": trap " + trap);
            }
            assertEquals(e.unused(), Set.copyOf(r.disclosure().withoutEvidence(r.declarations())), pack + ": unused");
        });
    }

    /**
     * The disclosure findings a user sees on each corpus pack manifest, exactly: every warning is a
     * certain row of TRUTH.md; the information and hints are what it marks uncertain or unused.
     * (The corpus holds no Markdown or STAGE files, so the path checks are left out.)
     */
    static final Map<String, List<String>> FINDINGS = Map.of(
            "banodoco-ArtAgents/astrid/packs/blender", List.of("environment-undeclared WARNING",
                    "external-services-undeclared WARNING", "secret-undeclared WARNING BLENDER_RENDER_TOKEN",
                    "secret-undeclared WARNING RUNPOD_API_KEY", "secret-undeclared WARNING SKETCHFAB_TOKEN",
                    "services-missing-host INFORMATION api.sketchfab.com"),
            "peteromallet-Astrid-agent/astrid/packs/capture", List.of("environment-undeclared WARNING"),
            "peteromallet-Astrid-agent/astrid/packs/fal", List.of("external-services-undeclared WARNING",
                    "permission-without-evidence HINT subprocess", "services-missing-host INFORMATION queue.fal.run",
                    "services-missing-host INFORMATION rest.alpha.fal.ai"),
            "peteromallet-Astrid-agent/astrid/packs/media", List.of("external-services-undeclared WARNING",
                    "services-missing-host INFORMATION api.giphy.com"));

    static final Set<String> DISCLOSURE_CODES = Set.of("network-undeclared", "subprocess-undeclared",
            "environment-undeclared", "external-services-undeclared", "accelerator-undeclared", "secret-undeclared",
            "permission-without-evidence", "services-missing-host", "python-skipped", "python-unreadable");

    @Test
    void theDiagnosticsOnEachPackManifestAreExactlyWhatTruthSupports() throws IOException {
        Path corpus = CodeCorpus.require();
        Workspace ws = new Workspace();
        ws.addRoot(corpus);
        LanguageService service = new LanguageService(ws);
        for (String pack : TRUTH.keySet()) {
            List<String> found = new ArrayList<>();
            for (Diagnostic d : service.diagnose(Workspace.uri(corpus.resolve(pack).resolve("pack.yaml")),
                    CorpusTest.MANIFESTS_ONLY, CancelChecker.NEVER)) {
                if (DISCLOSURE_CODES.contains(d.code().id())) {
                    Object subject = d.data().getOrDefault("name", d.data().get("host"));
                    String id = d.code() == PermissionEvidenceRule.WITHOUT_EVIDENCE ? d.message().split("`")[1] : null;
                    found.add(d.code().id() + " " + d.severity() + (subject != null ? " " + subject : "")
                            + (id != null ? " " + id : ""));
                }
            }
            found.sort(null);
            assertEquals(FINDINGS.getOrDefault(pack, List.of()), found, pack);
        }
    }

    @Test
    void theTrapPacksShowNoEnvironmentUseAtAll() throws IOException {
        Map<String, Result> all = analyseAll();
        for (String pack : List.of("banodoco-ArtAgents/examples/packs/text_digest",
                "banodoco-ArtAgents/examples/packs/file_summarizer")) {
            assertEquals(List.of(), all.get(pack).disclosure().evidence(ENVIRONMENT), pack);
            assertEquals(List.of(), all.get(pack).disclosure().evidence(NETWORK), pack);
        }
    }

    @Test
    void theIssuesThreeExamplesWithTheirEvidence() throws IOException {
        Map<String, Result> all = analyseAll();
        Result blender = all.get("banodoco-ArtAgents/astrid/packs/blender");
        assertEquals("mesh_fetch.py:38 os.environ.get(\"SKETCHFAB_TOKEN\", \"\")",
                blender.disclosure().variables().get("SKETCHFAB_TOKEN").get(0).display());
        assertEquals("executors/render/run.py:173 urllib.request.urlretrieve(...)", blender.disclosure()
                .evidence(NETWORK).stream().map(Evidence::display).filter(d -> d.contains("urlretrieve")).findFirst()
                .orElseThrow());
        Result fal = all.get("peteromallet-Astrid-agent/astrid/packs/fal");
        assertEquals("actions/fal_foley/run.py:111 CredentialsScope.get_local(\"fal\")",
                fal.disclosure().evidence(EXTERNAL_SERVICES).get(0).display());
        Result capture = all.get("peteromallet-Astrid-agent/astrid/packs/capture");
        List<Evidence> network = capture.disclosure().evidence(NETWORK);
        assertTrue(network.stream().anyMatch(x -> !x.certain() && x.note().contains("Chromium")), network.toString());
        assertTrue(network.stream().filter(x -> x.uri().endsWith(".py")).noneMatch(Evidence::certain),
                "the Python process itself opens no socket");
        assertEquals("Reads ASTRID_CAPTURE_CHROME", ReasonDrafter.draft(ENVIRONMENT,
                capture.disclosure().evidence(ENVIRONMENT)));
    }
}
