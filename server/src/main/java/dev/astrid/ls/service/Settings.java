package dev.astrid.ls.service;

import dev.astrid.ls.rules.Code;
import dev.astrid.ls.rules.Severity;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * User settings (section {@code astrid}) that change what the language service reports.
 * {@code severities} maps a rule code to a severity, or to an empty optional for "off".
 */
public record Settings(Map<String, Optional<Severity>> severities, List<String> vaguePhrases,
                       int minSpecificWords, boolean inlayHints) {

    public static final List<String> DEFAULT_VAGUE_PHRASES = List.of(
            "needed for functionality", "required for functionality", "for functionality",
            "needed", "required", "necessary", "needed for the pack", "for the pack to work",
            "needed for the pack to work", "required for the pack to work", "for the plugin to work",
            "various features", "various reasons", "misc", "miscellaneous", "general use", "todo",
            "tbd", "n/a", "na", "none", "nothing", "placeholder", "reason", "see docs", "see readme");

    public static final Settings DEFAULTS = new Settings(Map.of(), DEFAULT_VAGUE_PHRASES, 1, false);

    public Settings(Map<String, Optional<Severity>> severities, List<String> vaguePhrases, int minSpecificWords) {
        this(severities, vaguePhrases, minSpecificWords, false);
    }

    /** The effective severity of a code, or empty when the user turned it off. */
    public Optional<Severity> severityOf(Code code) {
        Optional<Severity> override = severities.get(code.id());
        return override != null ? override : Optional.of(code.defaultSeverity());
    }

    /**
     * Reads the {@code astrid} section as a client sends it. Anything missing, null or of the
     * wrong type falls back to the default (Emacs eglot, for one, sends nulls and empty objects).
     */
    public static Settings from(Object section) {
        if (!(section instanceof Map<?, ?> map)) {
            return DEFAULTS;
        }
        Map<String, Optional<Severity>> severities = new HashMap<>();
        if (map.get("severity") instanceof Map<?, ?> s) {
            s.forEach((code, value) -> {
                if (code instanceof String c && value instanceof String v) {
                    parseSeverity(v).ifPresent(sev -> severities.put(c, sev));
                }
            });
        }
        List<String> phrases = DEFAULT_VAGUE_PHRASES;
        int minWords = DEFAULTS.minSpecificWords();
        if (map.get("vagueReason") instanceof Map<?, ?> vague) {
            if (vague.get("phrases") instanceof List<?> list) {
                List<String> custom = new ArrayList<>();
                list.forEach(p -> {
                    if (p instanceof String s && !s.isBlank()) {
                        custom.add(s);
                    }
                });
                phrases = List.copyOf(custom);
            }
            if (vague.get("minSpecificWords") instanceof Number n && n.intValue() >= 0) {
                minWords = Math.min(n.intValue(), 20);
            }
        }
        boolean hints = map.get("inlayHints") instanceof Map<?, ?> ih && Boolean.TRUE.equals(ih.get("enabled"));
        return new Settings(Map.copyOf(severities), phrases, minWords, hints);
    }

    /** "off" is an empty optional; an unknown word is ignored (empty result). */
    private static Optional<Optional<Severity>> parseSeverity(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "off", "none", "ignore" -> Optional.of(Optional.empty());
            case "error" -> Optional.of(Optional.of(Severity.ERROR));
            case "warning" -> Optional.of(Optional.of(Severity.WARNING));
            case "information", "info" -> Optional.of(Optional.of(Severity.INFORMATION));
            case "hint" -> Optional.of(Optional.of(Severity.HINT));
            default -> Optional.empty();
        };
    }
}
