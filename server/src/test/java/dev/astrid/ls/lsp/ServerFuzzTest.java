package dev.astrid.ls.lsp;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.astrid.ls.reliability.Mutations;
import dev.astrid.ls.text.TextDocument;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.CodeActionContext;
import org.eclipse.lsp4j.CodeActionParams;
import org.eclipse.lsp4j.CodeLensParams;
import org.eclipse.lsp4j.DefinitionParams;
import org.eclipse.lsp4j.ReferenceContext;
import org.eclipse.lsp4j.ReferenceParams;
import org.eclipse.lsp4j.RenameParams;
import org.eclipse.lsp4j.CompletionParams;
import org.eclipse.lsp4j.DidChangeTextDocumentParams;
import org.eclipse.lsp4j.DidCloseTextDocumentParams;
import org.eclipse.lsp4j.DocumentSymbolParams;
import org.eclipse.lsp4j.FoldingRangeRequestParams;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.InlayHintParams;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.SelectionRangeParams;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.VersionedTextDocumentIdentifier;
import org.junit.jupiter.api.Test;

/**
 * The real server over JSON-RPC under random edits and requests (positions often out of range,
 * requests cancelled, documents closed under it): every request is answered, every position in
 * an answer is inside the document, and the last diagnostics are for the last version.
 */
class ServerFuzzTest {
    static final String URI = "file:///fuzz/demo/pack.yaml";

    /** One step: a kind of action and the numbers it draws from. */
    record Step(int kind, int line, int character, int line2, int character2, String text, boolean cancel) {}

    static List<Step> steps(Random r) {
        List<Step> out = new java.util.ArrayList<>();
        for (int i = 0, n = 5 + r.nextInt(21); i < n; i++) {
            out.add(new Step(r.nextInt(15), r.nextInt(83) - 2, r.nextInt(123) - 2, r.nextInt(83) - 2,
                    r.nextInt(123) - 2, Mutations.junk(r), r.nextInt(4) == 0));
        }
        return out;
    }

    /** Sessions run; each is a mutated manifest and 5 to 25 steps ({@code -Dfuzz.sessions}). */
    static final int SESSIONS = Integer.getInteger("fuzz.sessions", 500);

    static final LspClient CLIENT = start();

    static LspClient start() {
        LspClient c = LspClient.inProcess();
        try {
            c.initialize(null);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return c;
    }

    @Test
    void randomEditsAndRequests() throws Exception {
        int steps = 0;
        for (int i = 0; i < SESSIONS; i++) {
            long seed = Mutations.SEED + i;
            Random r = new Random(seed);
            List<Step> session = steps(r);
            steps += session.size();
            try {
                session(Mutations.mutatedManifest(r), session);
            } catch (AssertionError | Exception e) {
                throw new AssertionError("session with -Dfuzz.seed=" + seed + " -Dfuzz.sessions=1 failed: " + e, e);
            }
        }
        System.out.println("server fuzz: " + SESSIONS + " sessions, " + steps + " edits and requests over JSON-RPC, "
                + "every request answered, every position inside its document");
    }

    private void session(String start, List<Step> steps) throws Exception {
        LspClient client = CLIENT;
        client.drain();
        int version = 1;
        TextDocument doc = new TextDocument(URI, version, start);
        client.open(URI, version, start);
        boolean open = true;
        for (Step s : steps) {
            Position p = new Position(s.line(), s.character());
            TextDocumentIdentifier id = new TextDocumentIdentifier(URI);
            CompletableFuture<?> request = null;
            switch (s.kind()) {
                case 0, 1, 2 -> {
                    Range r = new Range(p, new Position(s.line2(), s.character2()));
                    if (open) {
                        version++;
                        doc = doc.apply(Convert.range(order(r)), s.text(), version);
                    }
                    client.server.getTextDocumentService().didChange(new DidChangeTextDocumentParams(
                            new VersionedTextDocumentIdentifier(URI, version),
                            List.of(new TextDocumentContentChangeEvent(order(r), s.text()))));
                }
                case 3 -> request = client.server.getTextDocumentService().hover(new HoverParams(id, p));
                case 4 -> request = client.server.getTextDocumentService().completion(new CompletionParams(id, p));
                case 5 -> request = client.server.getTextDocumentService().codeAction(new CodeActionParams(id,
                        order(new Range(p, new Position(s.line2(), s.character2()))), new CodeActionContext(List.of())));
                case 6 -> request = client.server.getTextDocumentService().documentSymbol(new DocumentSymbolParams(id));
                case 7 -> request = client.server.getTextDocumentService().foldingRange(new FoldingRangeRequestParams(id));
                case 8 -> request = client.server.getTextDocumentService().selectionRange(new SelectionRangeParams(id,
                        List.of(p)));
                case 9 -> request = client.server.getTextDocumentService().inlayHint(new InlayHintParams(id,
                        new Range(new Position(0, 0), new Position(1000, 0))));
                case 10 -> request = client.server.getTextDocumentService().codeLens(new CodeLensParams(id));
                case 11 -> request = client.server.getTextDocumentService().definition(new DefinitionParams(id, p));
                case 12 -> request = client.server.getTextDocumentService().references(new ReferenceParams(id, p,
                        new ReferenceContext(true)));
                case 13 -> request = client.server.getTextDocumentService().rename(new RenameParams(id, p, "NEW_NAME"))
                        .exceptionally(refused -> null);
                default -> {
                    if (open) {
                        client.server.getTextDocumentService().didClose(new DidCloseTextDocumentParams(id));
                        open = false;
                    } else {
                        version++;
                        doc = new TextDocument(URI, version, s.text() + start);
                        client.open(URI, version, doc.text());
                        open = true;
                    }
                }
            }
            if (request != null) {
                if (s.cancel()) {
                    request.cancel(true); // sends $/cancelRequest
                } else {
                    Object answer = request.get(20, TimeUnit.SECONDS);
                    if (open) {
                        assertInside(doc, answer);
                    }
                }
            }
        }
        if (!open) {
            version++;
            doc = new TextDocument(URI, version, start);
            client.open(URI, version, start);
        }
        PublishDiagnosticsParams last = client.diagnosticsFor(URI, version);
        assertInside(doc, last.getDiagnostics());
        client.server.getTextDocumentService().didClose(new DidCloseTextDocumentParams(new TextDocumentIdentifier(URI)));
        // Closing clears what was shown; nothing of this session is published after that, so the next
        // session (same URI, versions from 1 again) cannot mistake a late answer of this one for its own.
        for (PublishDiagnosticsParams p = client.nextDiagnostics(); p.getVersion() != null
                || !p.getDiagnostics().isEmpty(); p = client.nextDiagnostics()) {
            // an answer for a version before the close
        }
    }

    static Range order(Range r) {
        boolean backwards = r.getStart().getLine() > r.getEnd().getLine() || (r.getStart().getLine() == r.getEnd().getLine()
                && r.getStart().getCharacter() > r.getEnd().getCharacter());
        return backwards ? new Range(r.getEnd(), r.getStart()) : r;
    }

    /** Every Range and Position reachable in a response lies inside the document. */
    static void assertInside(TextDocument doc, Object answer) {
        String json = new com.google.gson.Gson().toJson(answer);
        java.util.regex.Matcher m = java.util.regex.Pattern
                .compile("\"line\":(-?\\d+),\"character\":(-?\\d+)").matcher(json);
        while (m.find()) {
            int line = Integer.parseInt(m.group(1));
            int character = Integer.parseInt(m.group(2));
            assertTrue(line >= 0 && line < doc.lineCount(), "line " + line + " outside " + doc.lineCount() + " lines");
            assertTrue(character >= 0 && character <= doc.lineText(line).length(),
                    "column " + character + " outside line " + line);
        }
    }
}
