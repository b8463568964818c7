package dev.astrid.ls.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.astrid.ls.ManifestAssert;
import dev.astrid.ls.core.CancelChecker;
import dev.astrid.ls.text.TextDocument;
import dev.astrid.ls.workspace.Workspace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Paths a manifest names: links, what hover says is there, and completion of the names on disk. */
class PathServiceTest {
    @TempDir
    Path tmp;
    Path pack;

    static final String PACK = "schema_version: 1\nid: demo\nname: Demo\nversion: 1.0.0\ncontent:\n  executors: executors\n"
            + "  docs: missing\ndocs:\n  readme: README.md\n";

    @BeforeEach
    void files() throws IOException {
        pack = tmp.resolve("demo");
        for (String e : List.of("render", "fetch", "upload")) {
            Files.createDirectories(pack.resolve("executors/" + e));
            Files.writeString(pack.resolve("executors/" + e + "/executor.yaml"), "schema_version: 1\n");
        }
        Files.createDirectories(pack.resolve("executors/notes"));
        Files.writeString(pack.resolve("README.md"), "# Demo\n");
        Files.createDirectories(pack.resolve("executors/render/lib"));
        Files.writeString(pack.resolve("executors/render/run.py"), "print('x')\n");
    }

    /** The service with this manifest open (a caret in it marks the offset) and the files above on disk. */
    record At(LanguageService service, Snapshot snapshot, int offset) {}

    At at(String relative, String withCaret) {
        int caret = withCaret.indexOf('|');
        String text = caret < 0 ? withCaret : withCaret.substring(0, caret) + withCaret.substring(caret + 1);
        Workspace ws = new Workspace();
        ws.addRoot(tmp);
        ws.open(new TextDocument(Workspace.uri(pack.resolve(relative)), 1, text));
        if (!relative.equals("pack.yaml")) {
            ws.open(new TextDocument(Workspace.uri(pack.resolve("pack.yaml")), 1, PACK));
        }
        LanguageService s = new LanguageService(ws);
        return new At(s, s.snapshot(Workspace.uri(pack.resolve(relative))).orElseThrow(), Math.max(caret, 0));
    }

    @Test
    void linksGoToWhatExistsInsideThePack() {
        At a = at("pack.yaml", PACK + "resources:\n  - path: ../../etc/passwd\n");
        List<String> links = a.service().documentLinks(a.snapshot(), CancelChecker.NEVER).stream()
                .map(l -> PACK.substring(l.start(), l.end()) + " -> " + l.target().substring(Workspace.uri(pack).length()))
                .toList();
        assertEquals(List.of("executors -> executors/", "README.md -> README.md"), links,
                "missing and escaping paths get no link");
    }

    @Test
    void hoverOnAContentFolderCountsItsComponents() {
        At a = at("pack.yaml", PACK.replace("executors: executors", "executors: execu|tors"));
        String md = a.service().hover(a.snapshot(), a.offset(), CancelChecker.NEVER).orElseThrow().markdown();
        assertEquals("`executors`: 3 executors: fetch, render, upload.", md);
        At missing = at("pack.yaml", PACK.replace("docs: missing", "docs: miss|ing"));
        assertTrue(missing.service().hover(missing.snapshot(), missing.offset(), CancelChecker.NEVER).orElseThrow()
                .markdown().startsWith("`missing` is not in the pack"));
        At file = at("pack.yaml", PACK.replace("readme: README.md", "readme: READ|ME.md"));
        assertEquals("`README.md`: a file of 7 bytes.",
                file.service().hover(file.snapshot(), file.offset(), CancelChecker.NEVER).orElseThrow().markdown());
    }

    @Test
    void aRuntimeModuleLinksToItsPythonFile() {
        At a = at("executors/render/executor.yaml", "schema_version: 1\nid: demo.render\nruntime:\n  kind: python\n"
                + "  module: run\n  function: main\ncommand:\n  argv: [python3, run.py, --out, out.png]\n");
        assertEquals(List.of(Workspace.uri(pack.resolve("executors/render/run.py")),
                        Workspace.uri(pack.resolve("executors/render/run.py"))),
                a.service().documentLinks(a.snapshot(), CancelChecker.NEVER).stream().map(PathService.Link::target).toList());
    }

    @Test
    void pathsCompleteFromTheFolderOnDiskFoldersOnlyForContent() {
        At a = at("pack.yaml", PACK.replace("executors: executors", "executors: |"));
        assertEquals(List.of("executors/"), ManifestAssert.labels(a.service().complete(a.snapshot(), a.offset(),
                CancelChecker.NEVER)));
        At inner = at("pack.yaml", PACK.replace("readme: README.md", "readme: executors/render/|"));
        assertEquals(List.of("lib/", "executor.yaml", "run.py"), ManifestAssert.labels(inner.service().complete(inner.snapshot(),
                inner.offset(), CancelChecker.NEVER)));
    }
}
