package dev.astrid.ls.lsp;

import org.eclipse.lsp4j.DidChangeConfigurationParams;
import org.eclipse.lsp4j.DidChangeWatchedFilesParams;
import org.eclipse.lsp4j.services.WorkspaceService;

final class AstridWorkspaceService implements WorkspaceService {
    @Override
    public void didChangeConfiguration(DidChangeConfigurationParams params) {
        // settings arrive with the editor-features work
    }

    @Override
    public void didChangeWatchedFiles(DidChangeWatchedFilesParams params) {
        // the workspace model arrives with the whole-pack work
    }
}
