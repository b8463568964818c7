package dev.astrid.ls.lsp;

import dev.astrid.ls.edit.Edit;
import dev.astrid.ls.text.TextDocument;
import dev.astrid.ls.workspace.Workspace;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.lsp4j.ResourceOperation;
import org.eclipse.lsp4j.SnippetTextEdit;
import org.eclipse.lsp4j.StringValue;
import org.eclipse.lsp4j.TextDocumentEdit;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.VersionedTextDocumentIdentifier;
import org.eclipse.lsp4j.WorkspaceEdit;
import org.eclipse.lsp4j.jsonrpc.messages.Either;

/** Turns the service's offset edits, over one or more files, into an LSP workspace edit. */
final class Edits {
    private Edits() {}

    /**
     * {@code documentChanges} (with versions of open buffers) when the client takes them, else the
     * plain {@code changes} map; snippet edits only when the client supports them.
     */
    static WorkspaceEdit workspaceEdit(List<Edit> edits, Workspace workspace, boolean documentChanges, boolean snippet) {
        Map<String, List<Edit>> byUri = new LinkedHashMap<>();
        edits.forEach(e -> byUri.computeIfAbsent(e.uri(), k -> new ArrayList<>()).add(e));
        WorkspaceEdit out = new WorkspaceEdit();
        if (documentChanges) {
            List<Either<TextDocumentEdit, ResourceOperation>> changes = new ArrayList<>();
            byUri.forEach((uri, list) -> {
                TextDocument doc = document(workspace, uri);
                TextDocument open = workspace.openDocument(uri);
                List<Either<TextEdit, SnippetTextEdit>> items = new ArrayList<>();
                for (Edit e : list) {
                    var range = Convert.range(doc.rangeOf(e.start(), e.end()));
                    items.add(snippet ? Either.forRight(new SnippetTextEdit(range, new StringValue("snippet", e.newText())))
                            : Either.forLeft(new TextEdit(range, e.newText())));
                }
                changes.add(Either.forLeft(new TextDocumentEdit(new VersionedTextDocumentIdentifier(uri,
                        open == null ? null : open.version()), items)));
            });
            out.setDocumentChanges(changes);
        } else {
            Map<String, List<TextEdit>> changes = new LinkedHashMap<>();
            byUri.forEach((uri, list) -> {
                TextDocument doc = document(workspace, uri);
                changes.put(uri, list.stream().map(e -> new TextEdit(Convert.range(doc.rangeOf(e.start(), e.end())),
                        e.newText())).toList());
            });
            out.setChanges(changes);
        }
        return out;
    }

    private static TextDocument document(Workspace workspace, String uri) {
        return workspace.manifest(uri).map(m -> m.document())
                .orElseThrow(() -> new IllegalStateException("edit for an unknown document " + uri));
    }
}
