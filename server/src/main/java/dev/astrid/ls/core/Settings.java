package dev.astrid.ls.core;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The user's settings (section {@code astrid}) as the client sent them, read through the
 * {@link Setting} declarations. Anything missing, null or of the wrong type falls back to the
 * declared default (Emacs eglot, for one, sends nulls and empty objects).
 */
public final class Settings {
    /** Rule code → severity, or "off". */
    public static final Setting<Map<String, Optional<Severity>>> SEVERITY = Setting.map("severity",
            "Overrides the severity of a rule, or turns it off with `\"off\"`. Keys are rule codes, such as "
                    + "`permission-vague-reason`; each code's page is linked from its diagnostics. Example: "
                    + "`{ \"permission-vague-reason\": \"error\" }`.", Settings::parseSeverity);

    public static final Settings DEFAULTS = new Settings(Map.of());

    private final Map<String, Object> section;
    private final Map<String, Object> parsed = new ConcurrentHashMap<>();

    private Settings(Map<String, Object> section) {
        this.section = section;
    }

    /** The {@code astrid} section as plain JSON values (maps, lists, strings, numbers, booleans). */
    public static Settings from(Object section) {
        return section instanceof Map<?, ?> map ? new Settings(plainMap(map)) : DEFAULTS;
    }

    /**
     * Settings from several sources, later ones winning key by key (objects are merged, other
     * values replaced; a null never replaces anything).
     */
    public static Settings merged(Object... sections) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Object s : sections) {
            if (s instanceof Map<?, ?> map) {
                merge(out, plainMap(map));
            }
        }
        return new Settings(out);
    }

    @SuppressWarnings("unchecked")
    public <T> T get(Setting<T> setting) {
        return (T) parsed.computeIfAbsent(setting.key(), k -> setting.parse().apply(lookup(k))
                .map(Object.class::cast).orElse(setting.defaultValue()));
    }

    /**
     * Whether these settings read the same as the other ones for every declared setting (an editor
     * that sends each default spelled out changes nothing).
     */
    public boolean sameValues(Settings other, List<Setting<?>> declared) {
        return declared.stream().allMatch(setting -> get(setting).equals(other.get(setting)));
    }

    /** The effective severity of a code, or empty when the user turned it off. */
    public Optional<Severity> severityOf(Code code) {
        Optional<Severity> override = get(SEVERITY).get(code.id());
        return override != null ? override : Optional.of(code.defaultSeverity());
    }

    /** A value at a dotted key: nested objects ({@code vagueReason: {phrases: …}}) or the dotted name itself. */
    private Object lookup(String key) {
        if (section.containsKey(key)) {
            return section.get(key);
        }
        Object current = section;
        for (String part : key.split("\\.")) {
            if (!(current instanceof Map<?, ?> map)) {
                return null;
            }
            current = map.get(part);
        }
        return current;
    }

    private static Map<String, Object> plainMap(Map<?, ?> map) {
        Map<String, Object> out = new LinkedHashMap<>();
        map.forEach((k, v) -> {
            if (k instanceof String s && v != null) {
                out.put(s, v instanceof Map<?, ?> m ? plainMap(m) : v);
            }
        });
        return out;
    }

    @SuppressWarnings("unchecked")
    private static void merge(Map<String, Object> into, Map<String, Object> over) {
        over.forEach((k, v) -> {
            if (v instanceof Map<?, ?> m && into.get(k) instanceof Map<?, ?> existing) {
                Map<String, Object> both = new LinkedHashMap<>((Map<String, Object>) existing);
                merge(both, (Map<String, Object>) m);
                into.put(k, both);
            } else {
                into.put(k, v);
            }
        });
    }

    /** "off" is an empty optional; an unknown word is dropped (the default applies). */
    private static Optional<Optional<Severity>> parseSeverity(Object value) {
        if (!(value instanceof String v)) {
            return Optional.empty();
        }
        return switch (v.toLowerCase(Locale.ROOT)) {
            case "off", "none", "ignore" -> Optional.of(Optional.empty());
            case "error" -> Optional.of(Optional.of(Severity.ERROR));
            case "warning" -> Optional.of(Optional.of(Severity.WARNING));
            case "information", "info" -> Optional.of(Optional.of(Severity.INFORMATION));
            case "hint" -> Optional.of(Optional.of(Severity.HINT));
            default -> Optional.empty();
        };
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Settings s && s.section.equals(section);
    }

    @Override
    public int hashCode() {
        return section.hashCode();
    }
}
