package dev.astrid.ls.lsp;

import com.google.gson.Gson;
import dev.astrid.ls.rules.Severity;
import dev.astrid.ls.service.CompletionService;
import dev.astrid.ls.service.Docs;
import dev.astrid.ls.service.HoverService;
import dev.astrid.ls.text.TextDocument;
import java.util.List;
import org.eclipse.lsp4j.DiagnosticCodeDescription;
import org.eclipse.lsp4j.CompletionItem;
import org.eclipse.lsp4j.CompletionItemKind;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DiagnosticRelatedInformation;
import org.eclipse.lsp4j.DiagnosticSeverity;
import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.InsertTextFormat;
import org.eclipse.lsp4j.InsertTextMode;
import org.eclipse.lsp4j.Location;
import org.eclipse.lsp4j.MarkupContent;
import org.eclipse.lsp4j.MarkupKind;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextEdit;
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

    static Diagnostic diagnostic(dev.astrid.ls.rules.Diagnostic d) {
        Diagnostic out = new Diagnostic(range(d.range()), d.message(), severity(d.severity()), SOURCE, d.code());
        out.setCodeDescription(new DiagnosticCodeDescription(Docs.rule(d.code())));
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

    static org.eclipse.lsp4j.DocumentSymbol symbol(dev.astrid.ls.service.StructureService.Symbol s, TextDocument doc) {
        org.eclipse.lsp4j.DocumentSymbol out = new org.eclipse.lsp4j.DocumentSymbol(s.name(), switch (s.kind()) {
            case KEY -> org.eclipse.lsp4j.SymbolKind.Object;
            case LIST -> org.eclipse.lsp4j.SymbolKind.Array;
            case ITEM -> org.eclipse.lsp4j.SymbolKind.Struct;
            case PERMISSION -> org.eclipse.lsp4j.SymbolKind.Key;
            case VALUE -> org.eclipse.lsp4j.SymbolKind.Property;
        }, range(doc.rangeOf(s.start(), s.end())), range(doc.rangeOf(s.nameStart(), s.nameEnd())),
                s.detail() == null ? null : s.detail().strip());
        out.setChildren(s.children().stream().map(c -> symbol(c, doc)).toList());
        return out;
    }

    static List<CompletionItem> completions(List<CompletionService.Item> items, TextDocument doc) {
        return items.stream().map(i -> completion(i, doc)).toList();
    }

    private static CompletionItem completion(CompletionService.Item i, TextDocument doc) {
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
        c.setTextEdit(Either.forLeft(new TextEdit(range(doc.rangeOf(i.replaceStart(), i.replaceEnd())), i.insertText())));
        c.setInsertTextFormat(i.snippet() ? InsertTextFormat.Snippet : InsertTextFormat.PlainText);
        // Snippets carry their own indentation.
        c.setInsertTextMode(InsertTextMode.AsIs);
        c.setSortText(i.sortText());
        return c;
    }
}
