package dev.astrid.ls.rules;

import dev.astrid.ls.core.CancelChecker;
import dev.astrid.ls.core.Code;
import dev.astrid.ls.core.Diagnostic;
import dev.astrid.ls.core.Settings;
import dev.astrid.ls.model.Manifest;
import dev.astrid.ls.text.Range;
import dev.astrid.ls.update.Baseline;
import dev.astrid.ls.workspace.PackView;
import dev.astrid.ls.yaml.YamlMapping;
import dev.astrid.ls.yaml.YamlNode;
import dev.astrid.ls.yaml.YamlScalar;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What a rule sees (one manifest, the settings) and where it reports. */
public final class RuleContext {
    private final Manifest manifest;
    private final PackView pack;
    private final Settings settings;
    private final CancelChecker cancel;
    private final Baseline baseline;
    private final List<Diagnostic> diagnostics = new ArrayList<>();

    public RuleContext(Manifest manifest, PackView pack, Settings settings, CancelChecker cancel) {
        this(manifest, pack, settings, cancel, null);
    }

    /** @param baseline the pack at the update base, in memory (null: not read, or not wanted) */
    public RuleContext(Manifest manifest, PackView pack, Settings settings, CancelChecker cancel, Baseline baseline) {
        this.manifest = manifest;
        this.pack = pack;
        this.settings = settings;
        this.cancel = cancel;
        this.baseline = baseline;
    }

    public Manifest manifest() {
        return manifest;
    }

    /** The pack this manifest belongs to; empty for a manifest with no pack manifest above it. */
    public Optional<PackView> pack() {
        return Optional.ofNullable(pack);
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

    public void checkCanceled() {
        cancel.checkCanceled();
    }

    public List<Diagnostic> diagnostics() {
        return diagnostics;
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
        settings.severityOf(code).ifPresent(severity -> diagnostics.add(new Diagnostic(
                manifest.document().rangeOf(start, end), severity, code, message, data, related)));
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
