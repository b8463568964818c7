package dev.astrid.ls.disclosure;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.astrid.ls.workspace.Workspace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which Python files belong to a pack, and which are reported as skipped. */
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
        PackFiles.Collected c = PackFiles.collect(tmp.resolve("pack"), Map.of());
        assertEquals(List.of("actions/a/run.py", "run.py"), c.files().stream().map(f -> rel(f.uri())).toList());
        assertEquals("y = 2\n", c.files().get(0).text(), "no byte-order mark, as in the editor's buffer");
        assertEquals(List.of(), c.skipped());
    }

    @Test
    void largeBinaryAndLinkedOutFilesAreSkippedAndReported() throws IOException {
        file("pack/pack.yaml", "id: pack\n");
        file("pack/ok.py", "x = 1\n");
        file("pack/big.py", "#".repeat((int) PackFiles.MAX_BYTES + 1));
        Files.write(file("pack/blob.py", "").toAbsolutePath(), new byte[] {'x', 0, 'y'});
        Path outside = file("elsewhere/secret.py", "import os\n");
        Files.createSymbolicLink(tmp.resolve("pack/linked.py"), outside);
        Files.createSymbolicLink(tmp.resolve("pack/libdir"), outside.getParent());
        Files.createSymbolicLink(tmp.resolve("pack/inside.py"), tmp.resolve("pack/ok.py"));
        PackFiles.Collected c = PackFiles.collect(tmp.resolve("pack"), Map.of());
        assertEquals(List.of("ok.py"), c.files().stream().map(f -> rel(f.uri())).toList());
        assertEquals(List.of("big.py: larger than 2 MiB", "blob.py: binary, not Python text",
                "libdir/: a symbolic link to outside the pack, not followed",
                "linked.py: a symbolic link to outside the pack, not followed"),
                c.skipped().stream().map(s -> rel(s.uri()) + ": " + s.reason()).toList());
    }

    @Test
    void openBuffersWinAndUnsavedOnesCount() throws IOException {
        file("pack/pack.yaml", "id: pack\n");
        Path run = file("pack/run.py", "on disk\n");
        String unsaved = Workspace.uri(tmp.resolve("pack/new.py"));
        String elsewhere = Workspace.uri(tmp.resolve("other/x.py"));
        String venv = Workspace.uri(tmp.resolve("pack/.venv/y.py"));
        PackFiles.Collected c = PackFiles.collect(tmp.resolve("pack"), Map.of(Workspace.uri(run), "in the editor\n",
                unsaved, "typed\n", elsewhere, "no\n", venv, "no\n"));
        assertEquals(List.of("new.py=typed\n", "run.py=in the editor\n"), c.files().stream()
                .map(f -> rel(f.uri()) + "=" + f.text()).toList());
    }
}
