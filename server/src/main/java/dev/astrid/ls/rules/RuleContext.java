package dev.astrid.ls.rules;

import dev.astrid.ls.core.CancelChecker;
import dev.astrid.ls.core.Code;
import dev.astrid.ls.core.Diagnostic;
import dev.astrid.ls.core.Settings;
import dev.astrid.ls.core.Severity;
import dev.astrid.ls.disclosure.PackDisclosure;
import dev.astrid.ls.model.Manifest;
import dev.astrid.ls.model.ManifestKind;
import dev.astrid.ls.text.Position;
import dev.astrid.ls.text.Range;
import dev.astrid.ls.update.Baseline;
import dev.astrid.ls.workspace.PackView;
import dev.astrid.ls.yaml.YamlMapping;
import dev.astrid.ls.yaml.YamlNode;
import dev.astrid.ls.yaml.YamlScalar;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * What a rule sees (one manifest, the settings) and where it reports. What a hostile file can make
 * the rules report is bounded: messages and data are capped, and only the {@link #MAX_DIAGNOSTICS}
 * most important diagnostics are kept (errors first, then by position); the rest are counted.
 * Every report is also a point where stale work stops.
 */
public final class RuleContext {
    public static final int MAX_DIAGNOSTICS = 1000;
    public static final int MAX_MESSAGE = 1000;
    /** Longer data values are left out (a fix that needs one is then not offered, never made wrong). */
    public static final int MAX_DATA_STRING = 1000;

    /** Most important first: severity, then position, then code. */
    private static final Comparator<Diagnostic> IMPORTANCE = Comparator.comparing(Diagnostic::severity)
            .thenComparing((Diagnostic d) -> d.range().start()).thenComparing(d -> d.code().id());

    private final Manifest manifest;
    private final PackView pack;
    private final Settings settings;
    private final CancelChecker cancel;
    private final Baseline baseline;
    private final Predicate<Diagnostic> shown;
    private final Supplier<PackDisclosure> disclosure;
    private PackDisclosure analysed;
    /** The kept diagnostics, least important at the head. */
    private final PriorityQueue<Diagnostic> kept = new PriorityQueue<>(IMPORTANCE.reversed());
    private int hidden;
    private Severity hiddenSeverity;
    private Position firstHidden;

    public RuleContext(Manifest manifest, PackView pack, Settings settings, CancelChecker cancel) {
        this(manifest, pack, settings, cancel, null);
    }

    /** @param baseline the pack at the update base, in memory (null: not read, or not wanted) */
    public RuleContext(Manifest manifest, PackView pack, Settings settings, CancelChecker cancel, Baseline baseline) {
        this(manifest, pack, settings, cancel, baseline, d -> true);
    }

    /** {@code shown} says which diagnostics the user sees (suppression comments); only those are kept. */
    public RuleContext(Manifest manifest, PackView pack, Settings settings, CancelChecker cancel, Baseline baseline,
                       Predicate<Diagnostic> shown) {
        this(manifest, pack, settings, cancel, baseline, shown, null);
    }

    /** @param disclosure what the pack's code and manifests show it uses, computed when a rule first asks (may be null) */
    public RuleContext(Manifest manifest, PackView pack, Settings settings, CancelChecker cancel, Baseline baseline,
                       Predicate<Diagnostic> shown, Supplier<PackDisclosure> disclosure) {
        this.manifest = manifest;
        this.pack = pack;
        this.settings = settings;
        this.cancel = cancel;
        this.baseline = baseline;
        this.shown = shown;
        this.disclosure = disclosure;
    }

    public Manifest manifest() {
        return manifest;
    }

    /** The pack this manifest belongs to; empty for a manifest with no pack manifest above it. */
    public Optional<PackView> pack() {
        return Optional.ofNullable(pack);
    }

    /**
     * The pack, when the manifest being checked is its pack manifest (not a component) with a tree
     * and this schema_version: the checks Astrid makes of a pack as a whole.
     */
    public Optional<PackView> packManifestOf(int schemaVersion) {
        Integer version = manifest.schemaVersion();
        return manifest.kind() == ManifestKind.PACK && version != null && version == schemaVersion
                && manifest.root() != null && pack != null && pack.pack().document().uri().equals(manifest.document().uri())
                ? Optional.of(pack) : Optional.empty();
    }

    /**
     * The pack at the update base ({@code astrid.update.base}) as the language service last read
     * it from git, from memory: a rule never reads git. Empty when it was not read (yet), as in {@code check}.
     */
    public Optional<Baseline> baseline() {
        return Optional.ofNullable(baseline);
    }

    public Settings settings() {
        return settings;
    }

    /**
     * What the pack's code and manifests show it uses, analysed once per check when a rule first
     * asks; empty for a manifest without a pack, or when the caller analyses no code.
     */
    public Optional<PackDisclosure> disclosure() {
        if (analysed == null && disclosure != null && pack != null) {
            analysed = disclosure.get();
        }
        return Optional.ofNullable(analysed);
    }

    public void checkCanceled() {
        cancel.checkCanceled();
    }

    /** The kept diagnostics, in no particular order. */
    public List<Diagnostic> diagnostics() {
        return new ArrayList<>(kept);
    }

    /** How many diagnostics were reported beyond the kept ones. */
    public int hidden() {
        return hidden;
    }

    /** The most severe of the diagnostics not kept, or null. */
    public Severity hiddenSeverity() {
        return hiddenSeverity;
    }

    /** Where the first diagnostic not kept starts, or null. */
    public Position firstHidden() {
        return firstHidden;
    }

    public Range range(YamlNode node) {
        return manifest.document().rangeOf(node.start(), node.end());
    }

    public void report(Code code, YamlNode node, String message) {
        report(code, node.start(), node.end(), message, Map.of(), List.of());
    }

    public void report(Code code, YamlNode node, String message, Map<String, Object> data) {
        report(code, node.start(), node.end(), message, data, List.of());
    }

    public void report(Code code, int start, int end, String message, Map<String, Object> data,
                       List<Diagnostic.Related> related) {
        report(code, Severity.ERROR, start, end, message, data, related);
    }

    /**
     * As {@link #report(Code, int, int, String, Map, List)}, never more severe than {@code atMost}
     * whatever the settings say (uncertain evidence is information at most).
     */
    public void report(Code code, Severity atMost, int start, int end, String message, Map<String, Object> data,
                       List<Diagnostic.Related> related) {
        cancel.checkCanceled();
        Severity configured = settings.severityOf(code).orElse(null);
        if (configured == null) {
            return;
        }
        Severity severity = configured.compareTo(atMost) < 0 ? atMost : configured;
        Diagnostic d = new Diagnostic(manifest.document().rangeOf(start, end), severity, code,
                message.length() <= MAX_MESSAGE ? message : message.substring(0, MAX_MESSAGE - 1) + "…",
                capped(data), related);
        if (!shown.test(d)) {
            return;
        }
        kept.add(d);
        if (kept.size() > MAX_DIAGNOSTICS) {
            Diagnostic dropped = kept.poll();
            hidden++;
            if (hiddenSeverity == null || dropped.severity().compareTo(hiddenSeverity) < 0) {
                hiddenSeverity = dropped.severity();
            }
            if (firstHidden == null || dropped.range().start().compareTo(firstHidden) < 0) {
                firstHidden = dropped.range().start();
            }
        }
    }

    private static Map<String, Object> capped(Map<String, Object> data) {
        if (data.values().stream().noneMatch(v -> v instanceof String s && s.length() > MAX_DATA_STRING)) {
            return data;
        }
        Map<String, Object> out = new LinkedHashMap<>(data);
        out.values().removeIf(v -> v instanceof String s && s.length() > MAX_DATA_STRING);
        return out;
    }

    /** Related information pointing at a node of any manifest of the pack. */
    public static Diagnostic.Related related(Manifest m, YamlNode node, String message) {
        return new Diagnostic.Related(m.document().uri(), m.document().rangeOf(node.start(), node.end()), message);
    }

    /**
     * The smallest meaningful node to mark for a value: the value itself when it is a non-empty
     * scalar, otherwise the key that names it (a whole block would cover many lines, an empty
     * value no characters at all).
     */
    public static YamlNode anchor(YamlNode value) {
        boolean small = value instanceof YamlScalar && value.end() > value.start();
        YamlMapping.Entry e = !small && value.parent() instanceof YamlMapping m ? m.entryOf(value) : null;
        return e != null && e.value() == value ? e.key() : value;
    }
}
