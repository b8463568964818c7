package dev.astrid.ls.service;

import dev.astrid.ls.core.CancelChecker;
import dev.astrid.ls.core.Code;
import dev.astrid.ls.core.Diagnostic;
import dev.astrid.ls.core.Setting;
import dev.astrid.ls.core.Settings;
import dev.astrid.ls.core.Severity;
import dev.astrid.ls.disclosure.DisclosureAnalyzer;
import dev.astrid.ls.edit.Edit;
import dev.astrid.ls.edit.Fix;
import dev.astrid.ls.model.Manifest;
import dev.astrid.ls.model.ManifestKind;
import dev.astrid.ls.rules.Limits;
import dev.astrid.ls.rules.Rule;
import dev.astrid.ls.rules.RuleContext;
import dev.astrid.ls.rules.Rules;
import dev.astrid.ls.text.Range;
import dev.astrid.ls.text.TextDocument;
import dev.astrid.ls.update.UpdatePreview;
import dev.astrid.ls.workspace.PackView;
import dev.astrid.ls.workspace.Workspace;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.function.BiConsumer;
import java.util.stream.Stream;

/**
 * The protocol-free language service: every feature takes a {@link Snapshot} (a manifest and its
 * pack, taken once per request) and a cancel checker, and answers with plain values. The LSP
 * adapter and the CLI both sit on top of it.
 */
public final class LanguageService {
    /** Every setting the service reads, declared where it is read. */
    public static final List<Setting<?>> SETTINGS = Stream.concat(
            Stream.of(Settings.SEVERITY, InlayHintService.ENABLED, UpdateService.BASE), Rules.settings().stream()).toList();

    private final Workspace workspace;
    private final UpdateService updates;
    private final HoverService hover;
    private final CompletionService completion = new CompletionService();
    private final CodeActionService actions = new CodeActionService();
    private final StructureService structure = new StructureService();
    private final InlayHintService inlayHints = new InlayHintService();
    private final NavigationService navigation;
    private final PathService paths = new PathService();
    /** What packs' code does, cached by module text across requests (a keystroke re-reads one module). */
    private final DisclosureAnalyzer disclosure = new DisclosureAnalyzer();

    public LanguageService(Workspace workspace) {
        this.workspace = workspace;
        this.updates = new UpdateService(workspace);
        this.hover = new HoverService(this::summary, updates::trustChanges, disclosure::analyse);
        this.navigation = new NavigationService(this::packs, disclosure::analyse);
    }

    public Workspace workspace() {
        return workspace;
    }

    /** The update bases: configured from the settings, read from git by callers off the typing path. */
    public UpdateService updates() {
        return updates;
    }

    /** The manifest at a URI (open buffer first, then disk) with its pack; empty when it is not a manifest. */
    public Optional<Snapshot> snapshot(String uri) {
        return workspace.manifest(uri).map(m -> new Snapshot(m, workspace.packOf(uri).orElse(null)));
    }

    /**
     * Diagnostics for the manifest at a URI, for callers that hold no snapshot (the CLI, the scan).
     * A file that could not even be read and parsed (out of memory, a bug) is reported as not checked.
     */
    public List<Diagnostic> diagnose(String uri, Settings settings, CancelChecker cancel) {
        Optional<Snapshot> s;
        try {
            s = snapshot(uri);
        } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
            Faults.check(uri, e);
            return List.of(notChecked(Range.of(0, 0, 0, 0), e));
        }
        return s.map(x -> diagnose(x, settings, cancel)).orElse(List.of());
    }

    /**
     * Diagnostics of many manifests in turn (the workspace scan, the CLI), each pack read once
     * however many of its manifests are checked: the last few packs are kept while their
     * manifests come by. {@code out} gets each URI with its diagnostics, in the order given.
     */
    public void diagnoseAll(List<String> uris, Settings settings, CancelChecker cancel,
                            BiConsumer<String, List<Diagnostic>> out) {
        record Read(PackView pack, Map<String, Manifest> byUri) {}
        Map<Path, Read> packs = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Path, Read> eldest) {
                return size() > 8;
            }
        };
        for (String uri : uris) {
            cancel.checkCanceled();
            List<Diagnostic> found;
            try {
                Path root = workspace.packRootOf(uri).orElse(null);
                Read read = root == null ? null : packs.computeIfAbsent(root, r -> workspace.pack(r).map(p -> {
                    Map<String, Manifest> byUri = new java.util.HashMap<>();
                    p.all().forEach(m -> byUri.putIfAbsent(m.document().uri(), m));
                    return new Read(p, byUri);
                }).orElse(new Read(null, Map.of())));
                Manifest m = read == null ? null : read.byUri().get(uri);
                found = m == null ? diagnose(uri, settings, cancel) : diagnose(new Snapshot(m, read.pack()), settings, cancel);
            } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
                if (e instanceof CancellationException c) {
                    throw c;
                }
                packs.clear();
                Faults.check(uri, e);
                found = List.of(notChecked(Range.of(0, 0, 0, 0), e));
            }
            out.accept(uri, found);
        }
    }

    /**
     * Every rule, then the findings in document order: at most {@link RuleContext#MAX_DIAGNOSTICS}
     * (errors first), then one that says how many more there are. A rule that fails leaves a
     * "not checked" diagnostic, never a silent gap.
     */
    public List<Diagnostic> diagnose(Snapshot s, Settings settings, CancelChecker cancel) {
        if (s.manifest().notRead() != null) {
            return List.of(new Diagnostic(Range.of(0, 0, 0, 0), Severity.ERROR, Limits.NOT_CHECKED, "Not checked: "
                    + s.manifest().notRead() + ".", Map.of(), List.of()));
        }
        RuleContext ctx = new RuleContext(s.manifest(), s.pack(), settings, cancel,
                s.pack() == null ? null : updates.cached(s.pack().root()).orElse(null), Suppressions.of(s.document())::shows,
                () -> disclosure.analyse(s.pack(), cancel));
        List<Diagnostic> out = new ArrayList<>();
        for (Rule rule : Rules.ALL) {
            cancel.checkCanceled();
            try {
                rule.check(ctx);
            } catch (CancellationException e) {
                throw e;
            } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
                Faults.rule(rule.getClass().getSimpleName(), s.uri(), e);
                out.add(notChecked(Range.of(0, 0, 0, 0), e));
            }
        }
        out.addAll(ctx.diagnostics());
        // a total order: findings at one place (the disclosure's, on the permissions key) come out the same every time
        out.sort(Comparator.comparing((Diagnostic d) -> d.range().start()).thenComparing(d -> d.code().id())
                .thenComparing(Diagnostic::message));
        if (ctx.hidden() > 0) {
            out.add(new Diagnostic(new Range(ctx.firstHidden(), ctx.firstHidden()), ctx.hiddenSeverity(), Limits.TRUNCATED,
                    String.format("At least %,d more findings in this file are not shown, the worst of them %s: only "
                            + "the first %,d are listed. Fix these and the rest appear.", ctx.hidden(),
                            article(ctx.hiddenSeverity()), RuleContext.MAX_DIAGNOSTICS), Map.of("hidden", ctx.hidden()),
                    List.of()));
        }
        return out;
    }

    private static String article(Severity s) {
        return switch (s) {
            case ERROR -> "an error";
            case WARNING -> "a warning";
            case INFORMATION -> "information";
            case HINT -> "a hint";
        };
    }

    /** The file, or part of it, was not checked because the check itself failed. */
    private static Diagnostic notChecked(Range at, Throwable e) {
        String message = e instanceof OutOfMemoryError
                ? "Not checked: the server ran out of memory on this file. Give it more memory (-Xmx) or make the "
                        + "file smaller; nothing here was verified."
                : "Not fully checked: a check failed on this file (" + e + "). This is a bug in astrid-pack-ls; the "
                        + "server log has the details.";
        return new Diagnostic(at, Severity.ERROR, Limits.NOT_CHECKED, message, Map.of(), List.of());
    }

    public Optional<HoverService.Hover> hover(Snapshot s, int offset, CancelChecker cancel) {
        Optional<HoverService.Hover> path = paths.hover(s, offset);
        return path.isPresent() ? path : hover.hover(s.manifest(), s.pack(), offset, cancel);
    }

    public List<CompletionService.Item> complete(Snapshot s, int offset, CancelChecker cancel) {
        List<CompletionService.Item> files = paths.complete(s, offset);
        return !files.isEmpty() ? files : completion.complete(s.manifest(), s.pack(), offset);
    }

    /** The trust summary preview of the pack a manifest belongs to, led by why Astrid would reject it, if it would. */
    public Optional<String> trustSummary(Snapshot s) {
        return Optional.ofNullable(s.pack()).map(p -> summary(p, CancelChecker.NEVER));
    }

    /** The summary, with what changes on update once the base was read. */
    private String summary(PackView p, CancelChecker cancel) {
        return TrustSummary.render(p, rejections(p, cancel), disclosure.analyse(p, cancel), updates.preview(p).orElse(null));
    }

    /** The code lens headline for a pack manifest, or empty for other files. */
    public Optional<String> trustHeadline(Snapshot s) {
        return s.manifest().kind() == ManifestKind.PACK
                ? Optional.ofNullable(s.pack()).map(p -> TrustSummary.headline(p, rejections(p, CancelChecker.NEVER)))
                : Optional.empty();
    }

    /**
     * The update-diff code lens headline for a pack manifest ("Update diff vs HEAD: +network"),
     * against the base in memory; empty for other files and before the base was read.
     */
    public Optional<String> updateHeadline(Snapshot s) {
        return s.manifest().kind() == ManifestKind.PACK && s.pack() != null
                ? updates.preview(s.pack()).map(UpdatePreview::headline) : Optional.empty();
    }

    /**
     * The errors of every manifest of the pack under the default severities: what Astrid rejects,
     * whatever the user's settings turned down in the editor.
     */
    public List<TrustSummary.Rejection> rejections(PackView pack, CancelChecker cancel) {
        List<TrustSummary.Rejection> out = new ArrayList<>();
        for (Manifest m : pack.all()) {
            for (Diagnostic d : diagnose(new Snapshot(m, pack), Settings.DEFAULTS, cancel)) {
                if (d.severity() == Severity.ERROR) {
                    Path file = Workspace.path(m.document().uri());
                    String shown = file != null && file.startsWith(pack.root()) ? pack.root().relativize(file).toString()
                            : m.document().uri();
                    out.add(new TrustSummary.Rejection(shown, d.range().start().line() + 1,
                            d.range().start().character() + 1, d.code().id(), d.message()));
                }
            }
        }
        return out;
    }

    /** A diagnostic and one of its fixes. */
    public record Action(Diagnostic diagnostic, Fix fix) {}

    /**
     * Fixes for the diagnostics that touch a range (in document order), optionally only for some
     * codes. Diagnostics are recomputed here, so fixes read their data, not the client's copy.
     */
    public List<Action> codeActions(Snapshot s, Range range, Set<Code> codes, Settings settings, boolean snippets,
                                    CancelChecker cancel) {
        List<Action> out = new ArrayList<>();
        for (Diagnostic d : diagnose(s, settings, cancel)) {
            boolean touches = d.range().start().compareTo(range.end()) <= 0 && range.start().compareTo(d.range().end()) <= 0;
            if (touches && (codes.isEmpty() || codes.contains(d.code()))) {
                cancel.checkCanceled();
                actions.fixes(s, d, snippets).forEach(f -> out.add(new Action(d, f)));
            }
        }
        return out;
    }

    /**
     * Every safe fix in a document ({@code source.fixAll}), repeated until nothing safe is left
     * (one fix can reveal the next: adding schema_version turns on the structure checks), as one
     * edit over the span that changed.
     */
    public List<Edit> fixAll(Snapshot s, Settings settings, CancelChecker cancel) {
        Snapshot current = s;
        for (int round = 0; round < 5; round++) {
            List<Edit> edits = actions.fixAll(current, diagnose(current, settings, cancel));
            if (edits.isEmpty()) {
                break;
            }
            StringBuilder text = new StringBuilder(current.document().text());
            for (int i = edits.size() - 1; i >= 0; i--) {
                text.replace(edits.get(i).start(), edits.get(i).end(), edits.get(i).newText());
            }
            TextDocument next = new TextDocument(s.uri(), s.document().version(), text.toString());
            current = new Snapshot(Manifest.parse(next, s.manifest().kind()), s.pack());
        }
        String before = s.document().text();
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
        return List.of(new Edit(s.uri(), prefix, before.length() - suffix, after.substring(prefix, after.length() - suffix)));
    }

    public List<StructureService.Symbol> symbols(Snapshot s, CancelChecker cancel) {
        return structure.symbols(s.manifest());
    }

    public List<StructureService.Fold> folds(Snapshot s, CancelChecker cancel) {
        return structure.folds(s.manifest());
    }

    public List<int[]> selection(Snapshot s, int offset, CancelChecker cancel) {
        return structure.selection(s.manifest(), offset);
    }

    /** A small pack manifest for {@link #warmUp}, touching the paths the first requests take. */
    private static final String WARM_UP = "schema_version: 1\nid: warm\nname: Warm\nversion: 1.0.0\npermissions:\n"
            + "  - id: network\n    reason: Calls api.example.com\n"
            + "secrets:\n  - name: EXAMPLE_KEY\n    required: true\n";

    /**
     * Runs hover, completion and the outline once on an in-memory manifest of its own (nothing of
     * any workspace is touched), so that the first hover or completion a user asks for does not pay
     * for code running the first time (class initialisation, the schemas' JSON read for their
     * descriptions). Checking is left out: the first document's check warms that, and a second,
     * concurrent one would only slow it down.
     */
    public static void warmUp() {
        Workspace scratch = new Workspace();
        String uri = "untitled:/warm/pack.yaml";
        scratch.open(new TextDocument(uri, 1, WARM_UP));
        LanguageService warm = new LanguageService(scratch);
        Snapshot s = warm.snapshot(uri).orElseThrow();
        int id = WARM_UP.indexOf("network") + 2;
        warm.hover(s, id, CancelChecker.NEVER);
        warm.hover(s, WARM_UP.indexOf("EXAMPLE_KEY") + 2, CancelChecker.NEVER);
        warm.complete(s, id, CancelChecker.NEVER);
        warm.complete(s, WARM_UP.indexOf("version"), CancelChecker.NEVER);
        warm.symbols(s, CancelChecker.NEVER);
    }

    /** Links from the paths a manifest names to the files and folders of the pack. */
    public List<PathService.Link> documentLinks(Snapshot s, CancelChecker cancel) {
        return paths.links(s);
    }

    public List<NavigationService.Location> definition(Snapshot s, int offset, CancelChecker cancel) {
        return navigation.definition(s, offset, cancel);
    }

    public List<NavigationService.Location> references(Snapshot s, int offset, boolean includeDeclaration,
                                                       CancelChecker cancel) {
        return navigation.references(s, offset, includeDeclaration, cancel);
    }

    /** What a rename at the offset would rename (its span and current text), or null when nothing can be. */
    public NavigationService.RenameTarget prepareRename(Snapshot s, int offset, CancelChecker cancel) {
        return navigation.prepareRename(s, offset);
    }

    public NavigationService.RenameResult rename(Snapshot s, int offset, String newName, CancelChecker cancel) {
        return navigation.rename(s, offset, newName, cancel);
    }

    /** Packs, components and secrets of the workspace whose name contains the query (ignoring case). */
    public List<NavigationService.NamedSymbol> workspaceSymbols(String query, CancelChecker cancel) {
        List<NavigationService.NamedSymbol> out = new ArrayList<>();
        for (PackView p : packs()) {
            cancel.checkCanceled();
            out.addAll(NavigationService.symbols(p, query));
        }
        return out;
    }

    /** Every pack under the workspace folders, with unsaved buffers. */
    private List<PackView> packs() {
        List<PackView> out = new ArrayList<>();
        for (Path root : workspace.roots()) {
            workspace.walk(root, file -> {
                if (ManifestKind.of(file.toString()).orElse(null) == ManifestKind.PACK) {
                    workspace.pack(file.getParent()).ifPresent(out::add);
                }
            }, false, problem -> { });
        }
        return out;
    }

    /** Inlay hints in {@code [from, to]}, when the user turned them on. */
    public List<InlayHintService.Hint> inlayHints(Snapshot s, int from, int to, Settings settings, CancelChecker cancel) {
        if (!settings.get(InlayHintService.ENABLED)) {
            return List.of();
        }
        return inlayHints.hints(s.manifest(), s.pack()).stream()
                .filter(h -> h.offset() >= from && h.offset() <= to).toList();
    }
}
