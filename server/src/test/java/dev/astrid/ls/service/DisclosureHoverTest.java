package dev.astrid.ls.service;

import static dev.astrid.ls.ManifestAssert.PACK_HEAD;
import static dev.astrid.ls.ManifestAssert.hover;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.astrid.ls.core.CancelChecker;
import dev.astrid.ls.text.TextDocument;
import dev.astrid.ls.workspace.Workspace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hover on a permission id: where the pack uses it, linked; or that nothing was found, and what that is worth. */
class DisclosureHoverTest {
    static final String FETCH = "import requests\n\ndef search(q):\n    return requests.get(\"https://api.meshcat.io/v2/s\", "
            + "params={\"q\": q})\n";

    static String markdown(Map<String, String> files) {
        return hover(files, "demo/pack.yaml").orElseThrow().markdown();
    }

    @Test
    void aDeclaredPermissionListsItsEvidenceWithLinks() {
        String md = markdown(Map.of("demo/pack.yaml", PACK_HEAD + "permissions:\n  - id: netw|ork\n"
                + "    reason: Calls api.meshcat.io to search meshes\n", "demo/tools/search.py", FETCH));
        assertTrue(md.contains("**Where the pack uses `network`** (from its code and manifests, read but never run):\n\n"
                + "- [tools/search.py:4](file:///work/demo/tools/search.py#L4): `requests.get(...)`\n"
                + "- [tools/search.py:4](file:///work/demo/tools/search.py#L4): `\"https://api.meshcat.io/v2/s\"`"), md);
        assertTrue(md.contains("the pack is outside the workspace folders, so only its open files were read"), md);
    }

    @Test
    void anUndeclaredPermissionsHoverShowsItsUseToo() {
        String md = markdown(Map.of("demo/pack.yaml", PACK_HEAD + "permissions:\n  - id: subpro|cess\n    reason: Runs x\n",
                "demo/snap.py", "import subprocess\nsubprocess.run([browser, '--headless', url])\n"));
        assertTrue(md.contains("`subprocess.run(...)`"), md);
    }

    @Test
    void uncertainEvidenceSaysWhy() {
        String md = markdown(Map.of("demo/pack.yaml", PACK_HEAD + "permissions:\n  - id: netw|ork\n    reason: Loads pages\n",
                "demo/snap.py", "import subprocess\nsubprocess.run([browser, '--headless', url])\n"));
        assertTrue(md.contains("`\"--headless\"` (uncertain: network only inside a Chromium subprocess (started with "
                + "--headless))"), md);
    }

    @Test
    void noUseFoundSaysHowMuchWasReadAndThatAbsenceIsNotProved(@TempDir Path tmp) throws IOException {
        Files.createDirectories(tmp.resolve("demo"));
        Files.writeString(tmp.resolve("demo/pack.yaml"), PACK_HEAD + "permissions:\n  - id: network\n    reason: Calls x\n");
        Files.writeString(tmp.resolve("demo/summarise.py"), "import csv\n");
        Files.writeString(tmp.resolve("demo/loader.py"), "import importlib\nm = importlib.import_module(name)\n");
        Workspace ws = new Workspace();
        ws.addRoot(tmp);
        LanguageService service = new LanguageService(ws);
        String uri = Workspace.uri(tmp.resolve("demo/pack.yaml"));
        String text = Files.readString(tmp.resolve("demo/pack.yaml"));
        String md = service.hover(service.snapshot(uri).orElseThrow(), text.indexOf("network") + 2, CancelChecker.NEVER)
                .orElseThrow().markdown();
        assertTrue(md.contains("**No use of `network` found** in the pack's 2 Python files and 1 manifest.\n\nIt cannot "
                + "see everything: code is loaded by a name known only at run time (`loader.py:2 "
                + "importlib.import_module(...)`). A static check can find a use, never prove there is none."), md);
        assertTrue(service.hover(service.snapshot(uri).orElseThrow(), text.indexOf("network") + 2, CancelChecker.NEVER)
                .isPresent());
    }

    @Test
    void projectFilesIsNotLookedFor() {
        assertTrue(markdown(Map.of("demo/pack.yaml", PACK_HEAD + "permissions:\n  - id: project_fil|es\n    reason: Writes x\n"))
                .contains("file access is not looked for in its code"));
    }

    /** File names and code are the pack's: neither can end its link or code span, nor fetch an image on hover. */
    @Test
    void aFileNameOrCodeCannotBreakOutOfItsLink() {
        String md = markdown(Map.of("demo/pack.yaml", PACK_HEAD + "permissions:\n  - id: environ|ment\n    reason: Reads x\n",
                // the file x)![t](https:evil.example).py, as the editor names it
                "demo/x)!%5Bt%5D(https:evil.example).py", "import os\nv = os.environ.get(\"A``B\")\n"));
        String site = md.substring(md.indexOf("\n- ["), md.indexOf("\n\nIt cannot"));
        assertEquals("\n- [x)\\!\\[t\\](https:evil.example).py:2](file:///work/demo/x%29!%5Bt%5D%28https:evil.example%29"
                + ".py#L2): ```os.environ.get(\"A``B\")```", site);
    }

    @Test
    void aSecretsHoverListsTheCodeThatReadsIt() {
        String md = hover(Map.of("demo/pack.yaml", PACK_HEAD + "secrets:\n  - name: MESHCAT_TO|KEN\n    required: true\n",
                "demo/search.py", "import os\ntoken = os.environ[\"MESHCAT_TOKEN\"]\n"), "demo/pack.yaml").orElseThrow()
                .markdown();
        assertTrue(md.contains("- [search.py:2](file:///work/demo/search.py#L2): read in code, "
                + "`os.environ[\"MESHCAT_TOKEN\"]`"), md);
    }

    @Test
    void theTrustSummaryPreviewNamesWhatTheCodeUsesUndeclared() {
        Workspace ws = new Workspace();
        ws.open(new TextDocument("file:///work/demo/pack.yaml", 1, PACK_HEAD + "permissions:\n  - id: project_files\n"
                + "    reason: Writes meshes\n"));
        ws.open(new TextDocument("file:///work/demo/search.py", 1, FETCH + "import os\nt = os.getenv('MESHCAT_TOKEN')\n"
                + "import subprocess\nsubprocess.run([b, '--headless', u])\n"));
        LanguageService service = new LanguageService(ws);
        String summary = service.trustSummary(service.snapshot("file:///work/demo/pack.yaml").orElseThrow()).orElseThrow();
        String section = summary.substring(summary.indexOf("  Seen in code"), summary.indexOf("  Trust (v1):"));
        assertEquals("""
                  Seen in code but not declared (astrid-pack-ls; Astrid does not show this):
                    - network: search.py:4 requests.get(...) and 2 more
                    - subprocess: search.py:8 subprocess.run(...)
                    - environment: search.py:6 os.getenv('MESHCAT_TOKEN')
                    - variables read, declared nowhere: MESHCAT_TOKEN
                """, section);
    }
}
