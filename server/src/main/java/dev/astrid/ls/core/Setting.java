package dev.astrid.ls.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * One user setting, declared once next to the code that reads it (section {@code astrid}, key
 * {@code astrid.<key>}). The VS Code contribution, the IntelliJ template and the configuration
 * docs are checked against these declarations by a test, so they cannot drift apart.
 *
 * @param type the JSON Schema type the editors contribute ({@code boolean}, {@code integer},
 *             {@code array}, {@code object}, {@code string})
 * @param parse the value from the plain JSON the client sent; empty when missing or invalid,
 *              so that the default applies
 */
public record Setting<T>(String key, String type, T defaultValue, String description,
                         Function<Object, Optional<T>> parse) {

    public static Setting<Boolean> bool(String key, boolean defaultValue, String description) {
        return new Setting<>(key, "boolean", defaultValue, description,
                v -> v instanceof Boolean b ? Optional.of(b) : Optional.empty());
    }

    public static Setting<Integer> integer(String key, int defaultValue, int min, int max, String description) {
        return new Setting<>(key, "integer", defaultValue, description, v -> v instanceof Number n
                && n.doubleValue() == Math.floor(n.doubleValue()) && n.intValue() >= min
                ? Optional.of(Math.min(n.intValue(), max)) : Optional.empty());
    }

    public static Setting<String> string(String key, String defaultValue, String description) {
        return new Setting<>(key, "string", defaultValue, description,
                v -> v instanceof String s && !s.isBlank() ? Optional.of(s.strip()) : Optional.empty());
    }

    /** A list of non-blank strings; a value that is not a list keeps the default. */
    public static Setting<List<String>> strings(String key, List<String> defaultValue, String description) {
        return new Setting<>(key, "array", List.copyOf(defaultValue), description, v -> {
            if (!(v instanceof List<?> list)) {
                return Optional.empty();
            }
            List<String> out = new ArrayList<>();
            list.forEach(item -> {
                if (item instanceof String s && !s.isBlank()) {
                    out.add(s);
                }
            });
            return Optional.of(List.copyOf(out));
        });
    }

    /** An object whose values are read one by one; entries that do not parse are dropped. */
    public static <V> Setting<Map<String, V>> map(String key, String description, Function<Object, Optional<V>> value) {
        return new Setting<>(key, "object", Map.of(), description, v -> {
            if (!(v instanceof Map<?, ?> map)) {
                return Optional.empty();
            }
            Map<String, V> out = new java.util.HashMap<>();
            map.forEach((k, item) -> {
                if (k instanceof String s) {
                    value.apply(item).ifPresent(parsed -> out.put(s, parsed));
                }
            });
            return Optional.of(Map.copyOf(out));
        });
    }
}
