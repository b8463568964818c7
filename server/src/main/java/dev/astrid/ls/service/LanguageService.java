package dev.astrid.ls.service;

import dev.astrid.ls.model.Manifest;
import dev.astrid.ls.rules.Diagnostic;
import dev.astrid.ls.rules.Rule;
import dev.astrid.ls.rules.RuleContext;
import dev.astrid.ls.rules.Rules;
import dev.astrid.ls.workspace.PackView;
import dev.astrid.ls.workspace.Workspace;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The protocol-free language service: plain documents in, plain diagnostics, hovers and
 * completions out. The LSP adapter and the CLI both sit on top of it.
 */
public final class LanguageService {
    private final Workspace workspace;
    private final HoverService hover = new HoverService();
    private final CompletionService completion = new CompletionService();

    public LanguageService(Workspace workspace) {
        this.workspace = workspace;
    }

    public Workspace workspace() {
        return workspace;
    }

    /** The manifest at a URI (open buffer first, then disk), or empty when it is not a manifest. */
    public Optional<Manifest> manifest(String uri) {
        return workspace.manifest(uri);
    }

    /** Diagnostics for one manifest, with its pack (if any) for the cross-file checks. */
    public List<Diagnostic> diagnose(String uri, Settings settings, CancelChecker cancel) {
        return workspace.manifest(uri)
                .map(m -> diagnose(m, workspace.packOf(uri).orElse(null), settings, cancel))
                .orElse(List.of());
    }

    public List<Diagnostic> diagnose(Manifest manifest, PackView pack, Settings settings, CancelChecker cancel) {
        RuleContext ctx = new RuleContext(manifest, pack, settings, cancel);
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

    public Optional<HoverService.Hover> hover(String uri, int offset) {
        return workspace.manifest(uri).flatMap(m -> hover.hover(m, workspace.packOf(uri).orElse(null), offset));
    }

    public List<CompletionService.Item> complete(String uri, int offset) {
        return workspace.manifest(uri).map(m -> completion.complete(m, offset)).orElse(List.of());
    }

    /** The trust summary preview of the pack a manifest belongs to. */
    public Optional<String> trustSummary(String uri) {
        return workspace.packOf(uri).map(TrustSummary::render);
    }

    /** The code lens headline for a pack manifest, or empty for other files. */
    public Optional<String> trustHeadline(String uri) {
        return workspace.manifest(uri).filter(m -> m.kind() == dev.astrid.ls.model.ManifestKind.PACK)
                .flatMap(m -> workspace.packOf(uri)).map(TrustSummary::headline);
    }

    public Optional<HoverService.Hover> hover(Manifest manifest, PackView pack, int offset) {
        return hover.hover(manifest, pack, offset);
    }

    public List<CompletionService.Item> complete(Manifest manifest, int offset) {
        return completion.complete(manifest, offset);
    }
}
