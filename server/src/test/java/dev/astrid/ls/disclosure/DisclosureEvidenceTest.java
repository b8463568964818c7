package dev.astrid.ls.disclosure;

import static dev.astrid.ls.model.PermissionId.ACCELERATOR;
import static dev.astrid.ls.model.PermissionId.ENVIRONMENT;
import static dev.astrid.ls.model.PermissionId.EXTERNAL_SERVICES;
import static dev.astrid.ls.model.PermissionId.NETWORK;
import static dev.astrid.ls.model.PermissionId.SUBPROCESS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.astrid.ls.core.CancelChecker;
import dev.astrid.ls.model.Manifest;
import dev.astrid.ls.model.ManifestKind;
import dev.astrid.ls.model.PermissionId;
import dev.astrid.ls.python.PyModule;
import dev.astrid.ls.text.TextDocument;
import dev.astrid.ls.workspace.PackFiles;
import dev.astrid.ls.workspace.PackView;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Evidence as messages show it: {@code display}, then {@code [? note]} when uncertain. */
class DisclosureEvidenceTest {
    static final String PACK = "schema_version: 1\nid: demo\nname: Demo\nversion: 1.0.0\n";

    record Pack(PackView view, PackDisclosure disclosure) {
        List<String> shown(PermissionId p) {
            return disclosure.evidence(p).stream()
                    .map(e -> e.display() + (e.certain() ? "" : " [? " + e.note() + "]")).toList();
        }

        Declarations declarations() {
            return Declarations.of(view);
        }
    }

    /** A pack in memory from path/text pairs; the first is its pack.yaml. */
    static Pack pack(String... pathsAndTexts) {
        Manifest pack = null;
        List<Manifest> components = new ArrayList<>();
        List<PackFiles.Source> code = new ArrayList<>();
        for (int i = 0; i < pathsAndTexts.length; i += 2) {
            String uri = "file:///demo/" + pathsAndTexts[i];
            String text = pathsAndTexts[i + 1];
            if (uri.endsWith(".py")) {
                code.add(new PackFiles.Source(uri, text));
            } else {
                Manifest m = Manifest.parse(new TextDocument(uri, 0, text), ManifestKind.of(uri).orElseThrow());
                if (m.kind() == ManifestKind.PACK) {
                    pack = m;
                } else {
                    components.add(m);
                }
            }
        }
        PackView view = new PackView(Path.of("/demo"), pack, components);
        return new Pack(view, new DisclosureAnalyzer().analyse(view, read(code), CancelChecker.NEVER));
    }

    /** Code read in full, nothing skipped. */
    static PackFiles.Code read(List<PackFiles.Source> python) {
        return new PackFiles.Code(python, List.of(), List.of(), true);
    }

    static Pack code(String python) {
        return pack("pack.yaml", PACK, "run.py", python);
    }

    @Test
    void aNetworkCallIsCertainAndTheUrlItFetchesNamesTheHost() {
        Pack p = pack("pack.yaml", PACK, "executors/render/mesh_fetch.py", """
                import urllib.request
                API = "https://api.sketchfab.com/v3"
                def _get(url):
                    return urllib.request.urlopen(url)
                def download_mesh(uid, dest):
                    urllib.request.urlretrieve(_get(f"{API}/models/{uid}").url, dest)
                """);
        assertEquals(List.of("executors/render/mesh_fetch.py:4 urllib.request.urlopen(...)",
                "executors/render/mesh_fetch.py:6 urllib.request.urlretrieve(...)",
                "executors/render/mesh_fetch.py:6 API → \"https://api.sketchfab.com/v3\""), p.shown(NETWORK));
        assertEquals(Set.of("api.sketchfab.com"), p.disclosure().hosts().keySet());
        assertEquals(List.of("executors/render/mesh_fetch.py:6 API → \"https://api.sketchfab.com/v3\""),
                p.shown(EXTERNAL_SERVICES));
        assertEquals("Calls api.sketchfab.com to download meshes",
                ReasonDrafter.draft(NETWORK, p.disclosure().evidence(NETWORK)));
    }

    @Test
    void aUrlIsUncertainWhenNoRequestIsTracedToItAndNothingWhenOnlyPrinted() {
        assertEquals(List.of("run.py:1 \"https://api.host.io/x\" [? the URL is passed to sdk.fetch(…), but no network "
                + "call was recognised]"), code("sdk.fetch(\"https://api.host.io/x\")\nprint(\"https://b.host.io\")\n")
                .shown(NETWORK));
        assertEquals(List.of("run.py:2 requests.get(...)", "run.py:3 \"https://b.host.io/\" [? the request was not "
                + "traced to this URL]"), code("import requests\nrequests.get(u)\nlinks = [\"https://b.host.io/\"]\n")
                .shown(NETWORK));
    }

    @Test
    void aProcessCallNamesItsProgramAndANetworkProgramIsUncertainNetwork() {
        Pack p = code("""
                import subprocess, os
                subprocess.run(["/usr/bin/ffmpeg", "-i", src])
                os.system("curl -sO " + url)
                """);
        assertEquals(List.of("run.py:2 subprocess.run(\"ffmpeg\", ...)", "run.py:3 os.system(\"curl\", ...)"),
                p.shown(SUBPROCESS));
        assertEquals(List.of("run.py:3 os.system(\"curl\", ...) [? network only inside the curl child process]"),
                p.shown(NETWORK));
        assertEquals("Runs ffmpeg and curl", ReasonDrafter.draft(SUBPROCESS, p.disclosure().evidence(SUBPROCESS)));
    }

    @Test
    void aChromiumDrivenOverItsPipeIsUncertainNetwork() {
        assertEquals(List.of("run.py:2 \"--remote-debugging-pipe\" [? network only inside a Chromium subprocess "
                + "(started with --remote-debugging-pipe)]"), code("""
                import subprocess
                args = [chrome, "--remote-debugging-pipe", "--headless"]
                subprocess.Popen(args)
                """).shown(NETWORK));
    }

    @Test
    void theVariablesTheAstridHostProvidesAreNotEnvironmentEvidence() {
        Pack p = code("""
                import os
                os.environ["ASTRID_TASK_RUN_ID"]
                os.getenv("HOME")
                os.environ.get("ASTRID_BROKER_PROXY")
                os.environ.setdefault("ASTRID_INTERNAL_INVOCATION", "1")
                CHROME_ENV = "ASTRID_CAPTURE_CHROME"
                os.environ.get(CHROME_ENV, "")
                """);
        assertEquals(List.of("run.py:7 os.environ.get(CHROME_ENV, \"\") → ASTRID_CAPTURE_CHROME"), p.shown(ENVIRONMENT));
        assertEquals(Set.of("ASTRID_CAPTURE_CHROME"), p.disclosure().variables().keySet());
    }

    @Test
    void anUnknownVariableNameIsUncertain() {
        assertEquals(List.of("run.py:2 os.environ[f\"{p}_KEY\"] [? the variable's name is computed at run time]",
                "run.py:3 os.environ [? the whole environment is read or handed on; which variables are used is not "
                        + "known]"), code("import os\nos.environ[f\"{p}_KEY\"]\nchild = dict(os.environ)\n")
                .shown(ENVIRONMENT));
    }

    @Test
    void astridCredentialsResolveThroughItsProviderTable() {
        Pack p = code("""
                from astrid.core.util.credentials_scope import CredentialsScope
                key = CredentialsScope.get_local("fal", env_file=f)
                other = CredentialsScope.get(provider)
                """);
        assertEquals(List.of("run.py:2 CredentialsScope.get_local(\"fal\") → FAL_KEY",
                "run.py:3 CredentialsScope.get(provider) [? the provider, and so the variable, is chosen at run time]"),
                p.shown(ENVIRONMENT));
        assertEquals(List.of("run.py:2 CredentialsScope.get_local(\"fal\")"), p.shown(EXTERNAL_SERVICES));
    }

    @Test
    void astridHelpersContactTheirServiceForTheCaller() {
        Pack p = code("""
                from astrid.core.util.http import fal_submit_and_poll, fal_upload
                def execute(submitter=fal_submit_and_poll):
                    fal_upload(client, path, key)
                """);
        assertEquals(List.of("run.py:2 astrid.core.util.http.fal_submit_and_poll (contacts queue.fal.run)"),
                p.shown(NETWORK));
        assertEquals(Set.of("queue.fal.run"), p.disclosure().hosts().keySet());
        assertEquals("Sends requests to fal.ai", ReasonDrafter.draft(EXTERNAL_SERVICES,
                p.disclosure().evidence(EXTERNAL_SERVICES)));
    }

    @Test
    void aServiceSdkCallIsNetworkAndExternalAndAnImportAloneIsUncertain() {
        Pack p = code("import fal_client\nimport openai\nfal_client.subscribe(\"fal-ai/x\", arguments={})\n");
        assertEquals(List.of("run.py:3 fal_client.subscribe(...)",
                "run.py:2 import openai [? imported, but no call of it was seen]"), p.shown(EXTERNAL_SERVICES));
        assertEquals("Sends requests to fal.ai", ReasonDrafter.draft(EXTERNAL_SERVICES,
                p.disclosure().evidence(EXTERNAL_SERVICES)));
    }

    @Test
    void gpuUseFromDeviceNamesAndTorchCuda() {
        Pack p = code("""
                import torch
                model.to("cuda")
                x = torch.zeros(3, device="cuda:0")
                model.cuda()
                torch.cuda.synchronize()
                if torch.cuda.is_available():
                    pass
                if device == "mps":
                    pass
                """);
        assertEquals(List.of("run.py:2 model.to(\"cuda\")", "run.py:3 torch.zeros(device=\"cuda:0\")", "run.py:4 model.cuda()",
                "run.py:5 torch.cuda.synchronize(...)", "run.py:6 torch.cuda.is_available(...) [? only checks whether a "
                        + "GPU is there]", "run.py:8 \"mps\" [? a GPU device name, not seen passed to a call]"),
                p.shown(ACCELERATOR));
        assertEquals("Runs work on a CUDA GPU", ReasonDrafter.draft(ACCELERATOR, p.disclosure().evidence(ACCELERATOR)));
    }

    @Test
    void dynamicCodeIsFlaggedAndThenAbsenceProvesNothing() {
        Pack p = pack("pack.yaml", PACK + "permissions:\n  - id: network\n    reason: Calls api.x.io\n", "run.py",
                "import importlib\nplugin = importlib.import_module(name)\n");
        assertEquals(List.of("run.py:2 importlib.import_module(...)"), p.disclosure().dynamicCode().stream()
                .map(PackDisclosure.DynamicCode::display).toList());
        assertEquals(List.of(), p.disclosure().withoutEvidence(p.declarations()));
        Pack quiet = pack("pack.yaml", PACK + "permissions:\n  - id: network\n    reason: Calls api.x.io\n", "run.py",
                "print('hi')\n");
        assertEquals(List.of(NETWORK), quiet.disclosure().withoutEvidence(quiet.declarations()));
    }

    @Test
    void componentManifestsStateTheirUses() {
        Pack p = pack("pack.yaml", PACK, "executors/x/executor.yaml", """
                schema_version: 1
                id: demo.x
                name: X
                version: "1"
                command:
                  argv: ["ffmpeg", "-i", "{in}"]
                scoped_configs: [credentials.giphy]
                isolation:
                  network: true
                  binaries: [curl]
                  env_passthrough: [HOME, RENDER_HOST]
                metadata:
                  env: [OPENAI_API_KEY]
                  api_provider: openai
                  network_policy:
                    allowed_destinations: ["api.openai.com:443", "https://cdn.host.io:443"]
                """);
        assertEquals(List.of("executors/x/executor.yaml:9 isolation.network: true",
                "executors/x/executor.yaml:16 metadata.network_policy.allowed_destinations: api.openai.com:443",
                "executors/x/executor.yaml:16 metadata.network_policy.allowed_destinations: https://cdn.host.io:443",
                "executors/x/executor.yaml:10 isolation.binaries: curl [? network only inside the curl child process]"),
                p.shown(NETWORK));
        assertEquals(List.of("executors/x/executor.yaml:6 command.argv[0]: ffmpeg",
                "executors/x/executor.yaml:10 isolation.binaries: curl"), p.shown(SUBPROCESS));
        assertEquals(List.of("executors/x/executor.yaml:11 isolation.env_passthrough: RENDER_HOST",
                "executors/x/executor.yaml:13 metadata.env: OPENAI_API_KEY"), p.shown(ENVIRONMENT));
        assertEquals(List.of("GIPHY", "OpenAI", "OpenAI"), p.disclosure().evidence(EXTERNAL_SERVICES).stream()
                .map(Evidence::subject).toList());
        assertEquals(Map.of(), p.disclosure().variables(), "declarations are not reads");
    }

    @Test
    void schemaThreeActionsAndTheirCommandInvocation() {
        Pack p = pack("pack.yaml", """
                schema_version: 3
                id: demo
                name: Demo
                version: 1.0.0
                actions:
                  clip:
                    invocation:
                      kind: command
                      command:
                        argv: ["ffprobe", "{in}"]
                    isolation:
                      secrets_required: [FAL_KEY]
                  py:
                    invocation: {kind: python, path: actions/py/run.py, function: main}
                """);
        assertEquals(List.of("pack.yaml:10 actions.clip.invocation.command.argv[0]: ffprobe"), p.shown(SUBPROCESS));
        assertEquals(List.of("pack.yaml:12 actions.clip.isolation.secrets_required: FAL_KEY"), p.shown(ENVIRONMENT));
    }

    @Test
    void aConstantImportedFromAnotherModuleOfThePackIsResolved() {
        Pack p = pack("pack.yaml", PACK,
                "lib/settings.py", "TOKEN_ENV = \"DEMO_TOKEN\"\n",
                "lib/run.py", "import os\nfrom .settings import TOKEN_ENV\nos.environ[TOKEN_ENV]\n",
                "tool.py", "import os\nfrom astrid.packs.demo.lib.settings import TOKEN_ENV as T\nos.getenv(T)\n",
                "other.py", "import os\nfrom elsewhere import NAME\nos.getenv(NAME)\n");
        assertEquals(List.of("lib/run.py:3 os.environ[TOKEN_ENV] → DEMO_TOKEN", "tool.py:3 os.getenv(T) → DEMO_TOKEN",
                "other.py:3 os.getenv(NAME) [? the variable's name is imported from elsewhere.NAME, which was not "
                        + "analysed]"), p.shown(ENVIRONMENT));
    }

    @Test
    void theDeclarationsDecideWhatIsUndeclared() {
        Pack p = pack("pack.yaml", PACK + """
                permissions:
                  - id: network
                    reason: Calls api.openai.com
                    services: [api.openai.com]
                secrets:
                  - name: OPENAI_API_KEY
                    required: true
                """, "run.py", """
                import os, requests
                requests.post("https://api.openai.com/v1/x", headers={"k": os.environ["OPENAI_API_KEY"]})
                requests.get("https://api.sketchfab.com/v3", params={"t": os.getenv("SKETCHFAB_TOKEN")})
                """);
        Declarations d = p.declarations();
        assertEquals(Set.of(NETWORK), d.permissions());
        assertEquals(Set.of(ENVIRONMENT, EXTERNAL_SERVICES), p.disclosure().undeclared(d).keySet());
        assertEquals(Set.of("SKETCHFAB_TOKEN"), p.disclosure().undeclaredVariables(d).keySet());
        assertEquals(Set.of("api.sketchfab.com"), p.disclosure().hostsNotListed(d).keySet());
        assertEquals("Reads OPENAI_API_KEY and SKETCHFAB_TOKEN",
                ReasonDrafter.draft(ENVIRONMENT, p.disclosure().evidence(ENVIRONMENT)));
        assertTrue(p.disclosure().everyFileAnalysed());
    }

    @Test
    void aFileWithSyntaxErrorsIsAnalysedButTheAnalysisIsIncomplete() {
        PackDisclosure d = code("import os\ndef f(:\nos.getenv('X')\n").disclosure();
        assertEquals(Set.of("X"), d.variables().keySet());
        assertFalse(d.everyFileAnalysed());
        assertEquals(List.of("file:///demo/run.py"), d.filesWithSyntaxErrors());
    }

    @Test
    void analysesAreCachedByTextWithinBounds() {
        DisclosureAnalyzer a = new DisclosureAnalyzer(2, 1000);
        String text = "import os\nos.getenv('A')\n";
        PyModule first = a.module(text);
        assertSame(first, a.module(new String(text)));
        a.module("x = 1\n");
        a.module("y = 2\n");
        assertNotSame(first, a.module(text), "the oldest of three entries is gone");
        String big = "x = 1\n".repeat(200);
        assertNotSame(a.module(big), a.module(big), "a text over the size bound is not kept");
    }

    @Test
    void aFilesPreviousTextLeavesTheCacheWhenItIsEdited() {
        DisclosureAnalyzer a = new DisclosureAnalyzer();
        PackView view = code("").view();
        String before = "import os\nos.getenv('A')\n";
        a.analyse(view, read(List.of(new PackFiles.Source("file:///demo/run.py", before))), CancelChecker.NEVER);
        PyModule old = a.module(before);
        a.analyse(view, read(List.of(new PackFiles.Source("file:///demo/run.py", before + "# typed\n"))),
                CancelChecker.NEVER);
        assertNotSame(old, a.module(before));
    }

    /** A check the client no longer wants stops between files, not after the whole pack. */
    @Test
    void theAnalysisStopsAtTheNextFileWhenCancelled() {
        List<PackFiles.Source> files = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            files.add(new PackFiles.Source("file:///demo/m" + i + ".py", "import os\nos.getenv('V" + i + "')\n"));
        }
        int[] asked = {0};
        CancelChecker afterThree = () -> {
            if (++asked[0] > 3) {
                throw new java.util.concurrent.CancellationException("stale");
            }
        };
        org.junit.jupiter.api.Assertions.assertThrows(java.util.concurrent.CancellationException.class,
                () -> new DisclosureAnalyzer().analyse(code("").view(), read(files), afterThree));
        assertEquals(4, asked[0], "asked once per file until it was cancelled");
    }
}
