package dev.astrid.ls.service;

import dev.astrid.ls.model.Manifest;
import dev.astrid.ls.model.ManifestKind;
import dev.astrid.ls.rules.Diagnostic;
import dev.astrid.ls.rules.Rule;
import dev.astrid.ls.rules.RuleContext;
import dev.astrid.ls.rules.Rules;
import dev.astrid.ls.text.TextDocument;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The protocol-free language service: plain documents in, plain diagnostics, hovers and
 * completions out. The LSP adapter and the CLI both sit on top of it.
 */
public final class LanguageService {
    private final HoverService hover = new HoverService();
    private final CompletionService completion = new CompletionService();

    /** The manifest view of a document, or empty when its file name is not a manifest's. */
    public Optional<Manifest> manifest(TextDocument document) {
        return ManifestKind.of(document.uri()).map(kind -> Manifest.parse(document, kind));
    }

    public List<Diagnostic> diagnose(Manifest manifest, Settings settings, CancelChecker cancel) {
        RuleContext ctx = new RuleContext(manifest, settings, cancel);
        for (Rule rule : Rules.ALL) {
            cancel.checkCanceled();
            try {
                rule.check(ctx);
            } catch (RuntimeException e) {
                if (e instanceof java.util.concurrent.CancellationException) {
                    throw e;
                }
                // A bug in one rule must not take the others' diagnostics with it.
                System.err.println("astrid-pack-ls: rule " + rule.getClass().getSimpleName() + " failed on "
                        + manifest.document().uri() + ": " + e);
            }
        }
        return ctx.diagnostics().stream()
                .sorted(Comparator.comparing((Diagnostic d) -> d.range().start()).thenComparing(Diagnostic::code))
                .toList();
    }

    public List<Diagnostic> diagnose(TextDocument document, Settings settings, CancelChecker cancel) {
        return manifest(document).map(m -> diagnose(m, settings, cancel)).orElse(List.of());
    }

    public Optional<HoverService.Hover> hover(Manifest manifest, int offset) {
        return hover.hover(manifest, offset);
    }

    public List<CompletionService.Item> complete(Manifest manifest, int offset) {
        return completion.complete(manifest, offset);
    }
}
