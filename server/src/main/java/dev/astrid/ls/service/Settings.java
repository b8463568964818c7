package dev.astrid.ls.service;

import dev.astrid.ls.rules.Code;
import dev.astrid.ls.rules.Severity;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * User settings that change what the language service reports. {@code severities} maps a rule
 * code to a severity, or to an empty optional for "off".
 */
public record Settings(Map<String, Optional<Severity>> severities, List<String> vaguePhrases,
                       int minSpecificWords) {

    public static final List<String> DEFAULT_VAGUE_PHRASES = List.of(
            "needed for functionality", "required for functionality", "for functionality",
            "needed", "required", "necessary", "needed for the pack", "for the pack to work",
            "needed for the pack to work", "required for the pack to work", "for the plugin to work",
            "various features", "various reasons", "misc", "miscellaneous", "general use", "todo",
            "tbd", "n/a", "na", "none", "nothing", "placeholder", "reason", "see docs", "see readme");

    public static final Settings DEFAULTS = new Settings(Map.of(), DEFAULT_VAGUE_PHRASES, 1);

    /** The effective severity of a code, or empty when the user turned it off. */
    public Optional<Severity> severityOf(Code code) {
        Optional<Severity> override = severities.get(code.id());
        return override != null ? override : Optional.of(code.defaultSeverity());
    }
}
