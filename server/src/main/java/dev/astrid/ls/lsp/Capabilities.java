package dev.astrid.ls.lsp;

import java.util.function.Supplier;
import org.eclipse.lsp4j.ClientCapabilities;

/** What the client declared it supports; every lookup tolerates missing sections. */
final class Capabilities {
    private Capabilities() {}

    private static boolean is(Supplier<Boolean> lookup) {
        try {
            return Boolean.TRUE.equals(lookup.get());
        } catch (NullPointerException e) {
            return false;
        }
    }

    static boolean snippets(ClientCapabilities c) {
        return is(() -> c.getTextDocument().getCompletion().getCompletionItem().getSnippetSupport());
    }

    static boolean pullDiagnostics(ClientCapabilities c) {
        return is(() -> c.getTextDocument().getDiagnostic() != null);
    }

    static boolean diagnosticRefresh(ClientCapabilities c) {
        return is(() -> c.getWorkspace().getDiagnostics().getRefreshSupport());
    }

    static boolean workDoneProgress(ClientCapabilities c) {
        return is(() -> c.getWindow().getWorkDoneProgress());
    }

    static boolean configuration(ClientCapabilities c) {
        return is(() -> c.getWorkspace().getConfiguration());
    }

    static boolean codeActionResolve(ClientCapabilities c) {
        return is(() -> c.getTextDocument().getCodeAction().getResolveSupport().getProperties().contains("edit"));
    }

    static boolean documentChanges(ClientCapabilities c) {
        return is(() -> c.getWorkspace().getWorkspaceEdit().getDocumentChanges());
    }

    static boolean snippetEdits(ClientCapabilities c) {
        return is(() -> c.getWorkspace().getWorkspaceEdit().getSnippetEditSupport());
    }

    static boolean inlayHintRefresh(ClientCapabilities c) {
        return is(() -> c.getWorkspace().getInlayHint().getRefreshSupport());
    }

    static boolean codeLensRefresh(ClientCapabilities c) {
        return is(() -> c.getWorkspace().getCodeLens().getRefreshSupport());
    }

    static boolean hierarchicalSymbols(ClientCapabilities c) {
        return is(() -> c.getTextDocument().getDocumentSymbol().getHierarchicalDocumentSymbolSupport());
    }

    static boolean watchedFilesRegistration(ClientCapabilities c) {
        return is(() -> c.getWorkspace().getDidChangeWatchedFiles().getDynamicRegistration());
    }
}
