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
    private final CodeActionService actions = new CodeActionService();
    private final StructureService structure = new StructureService();
    private final InlayHintService inlayHints = new InlayHintService();

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
                Faults.rule(rule.getClass().getSimpleName(), manifest.document().uri(), e);
            }
        }
        return Suppressions.of(manifest.document()).filter(ctx.diagnostics().stream()
                .sorted(Comparator.comparing((Diagnostic d) -> d.range().start()).thenComparing(Diagnostic::code))
                .toList());
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

    /** A diagnostic and one of its fixes. */
    public record Action(Diagnostic diagnostic, Fix fix) {}

    /**
     * Fixes for the diagnostics of a document that touch a range (in document order), optionally
     * only for some codes. Diagnostics are recomputed here, so fixes read their data, not the client's copy.
     */
    public List<Action> codeActions(String uri, dev.astrid.ls.text.Range range, java.util.Set<String> codes,
                                    Settings settings, boolean snippets) {
        Manifest m = workspace.manifest(uri).orElse(null);
        if (m == null) {
            return List.of();
        }
        PackView pack = workspace.packOf(uri).orElse(null);
        List<Action> out = new java.util.ArrayList<>();
        for (Diagnostic d : diagnose(m, pack, settings, CancelChecker.NEVER)) {
            boolean touches = d.range().start().compareTo(range.end()) <= 0 && range.start().compareTo(d.range().end()) <= 0;
            if (touches && (codes.isEmpty() || codes.contains(d.code()))) {
                actions.fixes(m, pack, d, snippets).forEach(f -> out.add(new Action(d, f)));
            }
        }
        return out;
    }

    /**
     * Every safe fix in a document ({@code source.fixAll}), repeated until nothing safe is left
     * (one fix can reveal the next: adding schema_version turns on the structure checks), as one
     * edit over the span that changed.
     */
    public List<Edit> fixAll(String uri, Settings settings) {
        Manifest original = workspace.manifest(uri).orElse(null);
        if (original == null) {
            return List.of();
        }
        PackView pack = workspace.packOf(uri).orElse(null);
        Manifest current = original;
        for (int round = 0; round < 5; round++) {
            List<Edit> edits = actions.fixAll(current, pack, diagnose(current, pack, settings, CancelChecker.NEVER));
            if (edits.isEmpty()) {
                break;
            }
            StringBuilder text = new StringBuilder(current.document().text());
            for (int i = edits.size() - 1; i >= 0; i--) {
                text.replace(edits.get(i).start(), edits.get(i).end(), edits.get(i).newText());
            }
            current = Manifest.parse(new dev.astrid.ls.text.TextDocument(uri, current.document().version(),
                    text.toString()), current.kind());
        }
        String before = original.document().text();
        String after = current.document().text();
        if (before.equals(after)) {
            return List.of();
        }
        int prefix = 0;
        while (prefix < before.length() && prefix < after.length() && before.charAt(prefix) == after.charAt(prefix)) {
            prefix++;
        }
        int suffix = 0;
        while (suffix < before.length() - prefix && suffix < after.length() - prefix
                && before.charAt(before.length() - 1 - suffix) == after.charAt(after.length() - 1 - suffix)) {
            suffix++;
        }
        return List.of(new Edit(uri, prefix, before.length() - suffix, after.substring(prefix, after.length() - suffix)));
    }

    public List<StructureService.Symbol> symbols(String uri) {
        return workspace.manifest(uri).map(structure::symbols).orElse(List.of());
    }

    public List<StructureService.Fold> folds(String uri) {
        return workspace.manifest(uri).map(structure::folds).orElse(List.of());
    }

    public List<int[]> selection(String uri, int offset) {
        return workspace.manifest(uri).map(m -> structure.selection(m, offset)).orElse(List.of());
    }

    /** Inlay hints, when the user turned them on. */
    public List<InlayHintService.Hint> inlayHints(String uri, Settings settings) {
        if (!settings.inlayHints()) {
            return List.of();
        }
        return workspace.manifest(uri).map(m -> inlayHints.hints(m, workspace.packOf(uri).orElse(null)))
                .orElse(List.of());
    }

    public Optional<HoverService.Hover> hover(Manifest manifest, PackView pack, int offset) {
        return hover.hover(manifest, pack, offset);
    }

    public List<CompletionService.Item> complete(Manifest manifest, int offset) {
        return completion.complete(manifest, offset);
    }
}
