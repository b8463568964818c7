package dev.astrid.ls.rules;

import dev.astrid.ls.Reported;
import dev.astrid.ls.core.CancelChecker;
import dev.astrid.ls.core.Diagnostic;
import dev.astrid.ls.core.Settings;
import dev.astrid.ls.service.LanguageService;
import dev.astrid.ls.text.TextDocument;
import dev.astrid.ls.workspace.Workspace;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Packs written to a temporary folder, with optional unsaved buffers, diagnosed as the editor would. */
final class TempPack {
    final Path root;
    final Workspace workspace = new Workspace();
    final LanguageService service = new LanguageService(workspace);

    TempPack(Path root) {
        this.root = root;
        workspace.addRoot(root); // the temporary folder is the workspace: its files are read from disk
    }

    /** Writes a file (folders created); {@code null} text makes an empty folder instead. */
    TempPack file(String relative, String text) {
        try {
            Path p = root.resolve(relative);
            if (text == null) {
                Files.createDirectories(p);
            } else {
                Files.createDirectories(p.getParent());
                Files.writeString(p, text);
            }
            workspace.changed(p);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An unsaved buffer: the file need not exist on disk. */
    TempPack open(String relative, String text) {
        workspace.open(new TextDocument(uri(relative), 1, text));
        return this;
    }

    String uri(String relative) {
        return Workspace.uri(root.resolve(relative));
    }

    List<Diagnostic> diagnose(String relative) {
        return Reported.record(service.diagnose(uri(relative), Settings.DEFAULTS, CancelChecker.NEVER));
    }
}
