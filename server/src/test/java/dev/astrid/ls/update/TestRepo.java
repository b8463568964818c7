package dev.astrid.ls.update;

import dev.astrid.ls.text.TextDocument;
import dev.astrid.ls.workspace.Workspace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;

/**
 * A git repository made in a test with JGit, holding packs; previews are taken as the editor would.
 * Public for the JSON-RPC tests, which serve its folder as a workspace.
 */
public final class TestRepo implements AutoCloseable {
    static final PersonIdent AUTHOR = new PersonIdent("Test", "test@example.com", java.time.Instant.EPOCH,
            java.time.ZoneOffset.UTC);

    public final Path dir;
    final Workspace workspace = new Workspace();
    final GitBaselines baselines = new GitBaselines();
    private final Git git;

    public TestRepo(Path dir) throws GitAPIException {
        ReadOnlyGit.lockDown(); // the test's own writes, too, read no user config
        this.dir = dir.toAbsolutePath().normalize();
        this.git = Git.init().setDirectory(this.dir.toFile()).setInitialBranch("main").call();
        workspace.addRoot(this.dir);
    }

    public TestRepo write(String path, String text) throws IOException {
        Path p = dir.resolve(path);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
        workspace.changed(p);
        return this;
    }

    TestRepo delete(String path) throws IOException {
        Files.delete(dir.resolve(path));
        workspace.changed(dir.resolve(path));
        return this;
    }

    /** An unsaved editor buffer. */
    TestRepo type(String path, String text) {
        workspace.open(new TextDocument(Workspace.uri(dir.resolve(path)), 2, text));
        return this;
    }

    public String commit() throws GitAPIException {
        git.add().addFilepattern(".").call();
        git.add().addFilepattern(".").setUpdate(true).call();
        return git.commit().setMessage("c").setAuthor(AUTHOR).setCommitter(AUTHOR).setSign(false).call().name();
    }

    void tag(String name) throws GitAPIException {
        git.tag().setName(name).setAnnotated(true).setMessage(name).setTagger(AUTHOR).setSigned(false).call();
    }

    UpdatePreview preview(String pack, String ref) {
        Path root = dir.resolve(pack);
        return UpdatePreview.of(workspace.pack(root).orElseThrow(), baselines.at(root, List.of(dir), ref));
    }

    UpdatePreview preview(String pack) {
        return preview(pack, "HEAD");
    }

    @Override
    public void close() {
        git.close();
    }
}
