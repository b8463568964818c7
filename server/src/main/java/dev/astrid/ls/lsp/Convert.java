package dev.astrid.ls.lsp;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import dev.astrid.ls.core.Severity;
import dev.astrid.ls.edit.Edit;
import dev.astrid.ls.service.CompletionService;
import dev.astrid.ls.service.Docs;
import dev.astrid.ls.service.HoverService;
import dev.astrid.ls.service.InlayHintService;
import dev.astrid.ls.service.LanguageService;
import dev.astrid.ls.service.NavigationService;
import dev.astrid.ls.service.StructureService;
import dev.astrid.ls.text.TextDocument;
import dev.astrid.ls.workspace.Workspace;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.lsp4j.CodeAction;
import org.eclipse.lsp4j.CodeActionKind;
import org.eclipse.lsp4j.CompletionItem;
import org.eclipse.lsp4j.CompletionItemKind;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DiagnosticCodeDescription;
import org.eclipse.lsp4j.DiagnosticRelatedInformation;
import org.eclipse.lsp4j.DiagnosticSeverity;
import org.eclipse.lsp4j.DocumentSymbol;
import org.eclipse.lsp4j.FoldingRange;
import org.eclipse.lsp4j.FoldingRangeKind;
import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.InlayHint;
import org.eclipse.lsp4j.InsertTextFormat;
import org.eclipse.lsp4j.InsertTextMode;
import org.eclipse.lsp4j.Location;
import org.eclipse.lsp4j.MarkupContent;
import org.eclipse.lsp4j.MarkupKind;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.SelectionRange;
import org.eclipse.lsp4j.SymbolInformation;
import org.eclipse.lsp4j.SymbolKind;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.WorkspaceSymbol;
import org.eclipse.lsp4j.jsonrpc.messages.Either;

/** Conversions between the language service's plain objects and LSP4J's protocol types. */
final class Convert {
    static final String SOURCE = "astrid";
    private static final Gson GSON = new Gson();

    private Convert() {}

    static Position position(dev.astrid.ls.text.Position p) {
        return new Position(p.line(), p.character());
    }

    static dev.astrid.ls.text.Position position(Position p) {
        return new dev.astrid.ls.text.Position(p.getLine(), p.getCharacter());
    }

    static Range range(dev.astrid.ls.text.Range r) {
        return new Range(position(r.start()), position(r.end()));
    }

    static dev.astrid.ls.text.Range range(Range r) {
        return r == null ? null : new dev.astrid.ls.text.Range(position(r.getStart()), position(r.getEnd()));
    }

    static Diagnostic diagnostic(dev.astrid.ls.core.Diagnostic d) {
        Diagnostic out = new Diagnostic(range(d.range()), d.message(), severity(d.severity()), SOURCE, d.code().id());
        out.setCodeDescription(new DiagnosticCodeDescription(Docs.rule(d.code().id())));
        if (!d.data().isEmpty()) {
            out.setData(GSON.toJsonTree(d.data()));
        }
        if (!d.related().isEmpty()) {
            out.setRelatedInformation(d.related().stream()
                    .map(r -> new DiagnosticRelatedInformation(new Location(r.uri(), range(r.range())), r.message()))
                    .toList());
        }
        return out;
    }

    static DiagnosticSeverity severity(Severity s) {
        return switch (s) {
            case ERROR -> DiagnosticSeverity.Error;
            case WARNING -> DiagnosticSeverity.Warning;
            case INFORMATION -> DiagnosticSeverity.Information;
            case HINT -> DiagnosticSeverity.Hint;
        };
    }

    static Hover hover(HoverService.Hover h, TextDocument doc) {
        return new Hover(new MarkupContent(MarkupKind.MARKDOWN, h.markdown()), range(doc.rangeOf(h.start(), h.end())));
    }

    static WorkspaceSymbol workspaceSymbol(NavigationService.NamedSymbol s) {
        SymbolKind kind = switch (s.kind()) {
            case "pack" -> SymbolKind.Package;
            case "secret", "variable" -> SymbolKind.Variable;
            default -> SymbolKind.Class;
        };
        WorkspaceSymbol out = new WorkspaceSymbol(s.name(), kind, Either.forLeft(
                new Location(s.location().uri(), range(s.location().range()))));
        out.setContainerName(s.container());
        return out;
    }

    static List<Location> locations(List<NavigationService.Location> locations) {
        return locations.stream().map(l -> new Location(l.uri(), range(l.range()))).toList();
    }

    // ---- code actions ----------------------------------------------------------------------

    /** What a quick fix's {@code data} names, so that resolve can recompute exactly that fix. */
    record ActionRef(String uri, String code, dev.astrid.ls.text.Position at, String title) {}

    static CodeAction quickFix(LanguageService.Action a, String uri, boolean resolve, Workspace workspace,
                               boolean documentChanges) {
        CodeAction action = new CodeAction(a.fix().title());
        action.setKind(CodeActionKind.QuickFix);
        action.setDiagnostics(List.of(diagnostic(a.diagnostic())));
        action.setIsPreferred(a.fix().preferred() ? Boolean.TRUE : null);
        if (resolve) {
            JsonObject data = new JsonObject();
            data.addProperty("uri", uri);
            data.addProperty("code", a.diagnostic().code().id());
            data.addProperty("line", a.diagnostic().range().start().line());
            data.addProperty("character", a.diagnostic().range().start().character());
            data.addProperty("title", a.fix().title());
            action.setData(data);
        } else {
            action.setEdit(Edits.workspaceEdit(a.fix().edits(), workspace, documentChanges, a.fix().snippet()));
        }
        return action;
    }

    static Optional<ActionRef> actionRef(Object data) {
        if (!(data instanceof JsonObject o)) {
            return Optional.empty();
        }
        try {
            return Optional.of(new ActionRef(o.get("uri").getAsString(), o.get("code").getAsString(),
                    new dev.astrid.ls.text.Position(o.get("line").getAsInt(), o.get("character").getAsInt()),
                    o.get("title").getAsString()));
        } catch (RuntimeException e) {
            return Optional.empty(); // not data this server wrote
        }
    }

    static CodeAction fixAll(List<Edit> edits, Workspace workspace, boolean documentChanges) {
        CodeAction fixAll = new CodeAction("Fix all safe Astrid problems");
        fixAll.setKind(CodeActionKind.SourceFixAll);
        fixAll.setEdit(Edits.workspaceEdit(edits, workspace, documentChanges, false));
        return fixAll;
    }

    // ---- structure -------------------------------------------------------------------------

    static DocumentSymbol symbol(StructureService.Symbol s, TextDocument doc) {
        DocumentSymbol out = new DocumentSymbol(s.name(), kind(s.kind()), range(doc.rangeOf(s.start(), s.end())),
                range(doc.rangeOf(s.nameStart(), s.nameEnd())), s.detail() == null ? null : s.detail().strip());
        out.setChildren(s.children().stream().map(c -> symbol(c, doc)).toList());
        return out;
    }

    /** The outline as a flat list, each symbol naming its parent, for clients without nested symbols. */
    static List<SymbolInformation> flatSymbols(List<StructureService.Symbol> symbols, TextDocument doc) {
        List<SymbolInformation> out = new ArrayList<>();
        flatten(symbols, null, doc, out);
        return out;
    }

    private static void flatten(List<StructureService.Symbol> symbols, String container, TextDocument doc,
                                List<SymbolInformation> out) {
        for (StructureService.Symbol s : symbols) {
            SymbolInformation info = new SymbolInformation(s.name(), kind(s.kind()),
                    new Location(doc.uri(), range(doc.rangeOf(s.start(), s.end()))), container);
            out.add(info);
            flatten(s.children(), s.name(), doc, out);
        }
    }

    private static SymbolKind kind(StructureService.SymbolKind k) {
        return switch (k) {
            case KEY -> SymbolKind.Object;
            case LIST -> SymbolKind.Array;
            case ITEM -> SymbolKind.Struct;
            case PERMISSION -> SymbolKind.Key;
            case VALUE -> SymbolKind.Property;
        };
    }

    static FoldingRange fold(StructureService.Fold f) {
        FoldingRange r = new FoldingRange(f.startLine(), f.endLine());
        if (f.comment()) {
            r.setKind(FoldingRangeKind.Comment);
        }
        return r;
    }

    /** A chain of spans, innermost first, as nested selection ranges (the position alone when empty). */
    static SelectionRange selection(List<int[]> chain, Position p, TextDocument doc) {
        SelectionRange parent = null;
        for (int i = chain.size() - 1; i >= 0; i--) {
            parent = new SelectionRange(range(doc.rangeOf(chain.get(i)[0], chain.get(i)[1])), parent);
        }
        return parent != null ? parent : new SelectionRange(new Range(p, p), null);
    }

    static InlayHint inlayHint(InlayHintService.Hint h, TextDocument doc) {
        InlayHint hint = new InlayHint(position(doc.positionAt(h.offset())), Either.forLeft(h.label()));
        hint.setTooltip(h.tooltip());
        hint.setPaddingLeft(true);
        return hint;
    }

    // ---- completion ------------------------------------------------------------------------

    /** Completion items; snippets become their plain text for clients without snippet support. */
    static List<CompletionItem> completions(List<CompletionService.Item> items, TextDocument doc, boolean snippets) {
        return items.stream().map(i -> completion(i, doc, snippets)).toList();
    }

    private static CompletionItem completion(CompletionService.Item i, TextDocument doc, boolean snippets) {
        CompletionItem c = new CompletionItem(i.label());
        c.setKind(switch (i.kind()) {
            case VALUE -> CompletionItemKind.Value;
            case PROPERTY -> CompletionItemKind.Property;
            case SNIPPET -> CompletionItemKind.Snippet;
        });
        c.setDetail(i.detail());
        if (i.documentation() != null) {
            c.setDocumentation(new MarkupContent(MarkupKind.MARKDOWN, i.documentation()));
        }
        boolean snippet = i.snippet() && snippets;
        String text = i.snippet() && !snippets ? Snippets.toPlainText(i.insertText()) : i.insertText();
        c.setTextEdit(Either.forLeft(new TextEdit(range(doc.rangeOf(i.replaceStart(), i.replaceEnd())), text)));
        c.setInsertTextFormat(snippet ? InsertTextFormat.Snippet : InsertTextFormat.PlainText);
        // Snippets carry their own indentation.
        c.setInsertTextMode(InsertTextMode.AsIs);
        c.setSortText(i.sortText());
        c.setFilterText(i.filterText());
        if (!i.extraEdits().isEmpty()) {
            c.setAdditionalTextEdits(i.extraEdits().stream()
                    .map(e -> new TextEdit(range(doc.rangeOf(e.start(), e.end())), e.newText())).toList());
        }
        return c;
    }
}
