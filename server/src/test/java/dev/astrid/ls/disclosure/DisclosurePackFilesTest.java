package dev.astrid.ls.disclosure;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.astrid.ls.text.TextDocument;
import dev.astrid.ls.workspace.PackFiles;
import dev.astrid.ls.workspace.Workspace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which Python files belong to a pack, which are reported as skipped, and when a file is read again. */
class DisclosurePackFilesTest {
    @TempDir
    Path tmp;

    private Path file(String path, String text) throws IOException {
        Path p = tmp.resolve(path);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
        return p;
    }

    private String rel(String uri) {
        return tmp.resolve("pack").toUri().relativize(java.net.URI.create(uri)).toString();
    }

    private Workspace workspace() {
        Workspace ws = new Workspace();
        ws.addRoot(tmp);
        return ws;
    }

    private static PackFiles.Code code(Workspace ws, Path root) {
        return ws.pack(root).orElseThrow().files().code();
    }

    @Test
    void everyPythonFileOfThePackAndNothingElse() throws IOException {
        file("pack/pack.yaml", "id: pack\n");
        file("pack/run.py", "x = 1\n");
        file("pack/actions/a/run.py", "\uFEFFy = 2\n");
        file("pack/README.md", "# not code\n");
        file("pack/.venv/lib/dep.py", "import requests\n");
        file("pack/__pycache__/run.py", "");
        file("pack/nested/pack.yaml", "id: nested\n");
        file("pack/nested/other.py", "z = 3\n");
        file("pack/ui/app.ts", "fetch('https://example.com')\n");
        PackFiles.Code c = code(workspace(), tmp.resolve("pack"));
        assertEquals(List.of("actions/a/run.py", "run.py"), c.python().stream().map(f -> rel(f.uri())).toList());
        assertEquals("y = 2\n", c.python().get(0).text(), "no byte-order mark, as in the editor's buffer");
        assertEquals(List.of(), c.skipped());
        assertEquals(List.of("ui/app.ts"), c.otherCode().stream().map(this::rel).toList(), "code no check reads");
    }

    @Test
    void largeBinaryAndLinkedOutFilesAreSkippedAndReported() throws IOException, InterruptedException {
        file("pack/pack.yaml", "id: pack\n");
        file("pack/ok.py", "x = 1\n");
        file("pack/big.py", "#".repeat((int) PackFiles.MAX_PYTHON_BYTES + 1));
        Files.write(file("pack/blob.py", "").toAbsolutePath(), new byte[] {'x', 0, 'y'});
        Path outside = file("elsewhere/secret.py", "import os\n");
        Files.createSymbolicLink(tmp.resolve("pack/linked.py"), outside);
        Files.createSymbolicLink(tmp.resolve("pack/libdir"), outside.getParent());
        Files.createSymbolicLink(tmp.resolve("pack/inside.py"), tmp.resolve("pack/ok.py"));
        // a named pipe: reading one would wait for a writer forever
        assertEquals(0, new ProcessBuilder("mkfifo", tmp.resolve("pack/pipe.py").toString()).start().waitFor());
        PackFiles.Code c = code(workspace(), tmp.resolve("pack"));
        assertEquals(List.of("ok.py"), c.python().stream().map(f -> rel(f.uri())).toList());
        assertEquals(List.of("big.py: larger than 2 MiB", "blob.py: binary, not Python text",
                "libdir/: a symbolic link to outside the pack, not followed",
                "linked.py: a symbolic link to outside the pack, not followed",
                "pipe.py: not a regular file (a named pipe or a device)"),
                c.skipped().stream().map(s -> rel(s.uri()) + ": " + s.reason()).toList());
        assertEquals(List.of(), c.skipped().stream().filter(PackFiles.Skipped::failed).toList(),
                "deliberate skips, not failures");
    }

    @Test
    void aFileThatCannotBeReadIsAFailureNotASkip() throws IOException {
        file("pack/pack.yaml", "id: pack\n");
        Path locked = file("pack/locked.py", "import os\n");
        locked.toFile().setReadable(false);
        try {
            org.junit.jupiter.api.Assumptions.assumeFalse(Files.isReadable(locked), "running as root: nothing is unreadable");
            PackFiles.Code c = code(workspace(), tmp.resolve("pack"));
            assertEquals(List.of("locked.py: could not be read (permission denied) failed"), c.skipped().stream()
                    .map(s -> rel(s.uri()) + ": " + s.reason() + (s.failed() ? " failed" : "")).toList());
        } finally {
            locked.toFile().setReadable(true);
        }
    }

    @Test
    void openBuffersWinAndUnsavedOnesCount() throws IOException {
        file("pack/pack.yaml", "id: pack\n");
        Path run = file("pack/run.py", "on disk\n");
        Workspace ws = workspace();
        ws.open(new TextDocument(Workspace.uri(run), 1, "in the editor\n"));
        ws.open(new TextDocument(Workspace.uri(tmp.resolve("pack/new.py")), 1, "typed\n"));
        ws.open(new TextDocument(Workspace.uri(tmp.resolve("other/x.py")), 1, "no\n"));
        ws.open(new TextDocument(Workspace.uri(tmp.resolve("pack/.venv/y.py")), 1, "no\n"));
        assertEquals(List.of("new.py=typed\n", "run.py=in the editor\n"), code(ws, tmp.resolve("pack")).python().stream()
                .map(f -> rel(f.uri()) + "=" + f.text()).toList());
    }

    @Test
    void aFileIsReadAgainWhenItChangesOnDiskAndANewOneIsSeenAfterTheChangeEvent() throws IOException {
        file("pack/pack.yaml", "id: pack\n");
        Path run = file("pack/run.py", "before\n");
        Workspace ws = workspace();
        Path root = tmp.resolve("pack");
        assertEquals("before\n", code(ws, root).python().get(0).text());
        Files.writeString(run, "after, longer\n");
        Files.setLastModifiedTime(run, FileTime.fromMillis(Files.getLastModifiedTime(run).toMillis() + 2000));
        assertEquals("after, longer\n", code(ws, root).python().get(0).text(), "time and size changed: read again");
        file("pack/added.py", "new\n");
        assertEquals(1, code(ws, root).python().size(), "the walk is cached until the workspace hears of a change");
        ws.changed(tmp.resolve("pack/added.py"));
        assertEquals(List.of("added.py", "run.py"), code(ws, root).python().stream().map(f -> rel(f.uri())).toList());
    }

    @Test
    void aPackOutsideTheWorkspaceRootsHasOnlyItsOpenBuffersAndSaysSo() throws IOException {
        file("pack/pack.yaml", "id: pack\n");
        file("pack/run.py", "on disk\n");
        Workspace ws = new Workspace(); // no roots: nothing on disk is read
        ws.open(new TextDocument(Workspace.uri(tmp.resolve("pack/pack.yaml")), 1, "id: pack\n"));
        ws.open(new TextDocument(Workspace.uri(tmp.resolve("pack/tool.py")), 1, "typed\n"));
        PackFiles.Code c = code(ws, tmp.resolve("pack"));
        assertEquals(List.of("tool.py"), c.python().stream().map(f -> rel(f.uri())).toList());
        assertEquals(false, c.disk(), "the folder was not read");
    }
}
