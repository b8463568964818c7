package dev.astrid.ls.rules;

import dev.astrid.ls.core.Code;
import dev.astrid.ls.core.Setting;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Every rule: each class annotated {@code @AutoService(Rule.class)}, which registers it at compile
 * time, so that a new rule is one class and no list to edit. They run in the order of their class
 * names; the order does not show, as findings are sorted by position.
 */
public final class Rules {
    private Rules() {}

    public static final List<Rule> ALL = ServiceLoader.load(Rule.class, Rules.class.getClassLoader()).stream()
            .map(ServiceLoader.Provider::get)
            .sorted(Comparator.comparing(r -> r.getClass().getName()))
            .toList();

    private static final Map<Code, Rule> OWNER = ALL.stream()
            .flatMap(r -> r.codes().stream().map(c -> Map.entry(c, r)))
            .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, Map.Entry::getValue));

    private static final Map<String, Code> BY_ID = allCodes().stream()
            .collect(Collectors.toUnmodifiableMap(Code::id, Function.identity()));

    /** Every code: the rules' own, then the service's {@link Limits}. */
    public static List<Code> allCodes() {
        return Stream.concat(ALL.stream().flatMap(r -> r.codes().stream()), Limits.CODES.stream())
                .toList();
    }

    /** The rule that reports a code; null for the {@link Limits} codes. */
    public static Rule owner(Code code) {
        return OWNER.get(code);
    }

    /** A code by its id, as clients send it back. */
    public static Optional<Code> code(String id) {
        return Optional.ofNullable(BY_ID.get(id));
    }

    /** The settings the rules read. */
    public static List<Setting<?>> settings() {
        return ALL.stream().flatMap(r -> r.settings().stream()).toList();
    }
}
