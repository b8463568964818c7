package dev.astrid.ls.rules;

import dev.astrid.ls.core.Code;
import dev.astrid.ls.core.Setting;
import dev.astrid.ls.schema.SchemaStore;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Every rule, in the order they run. Add new rules here. */
public final class Rules {
    private Rules() {}

    public static final List<Rule> ALL = List.of(
            new YamlRule(),
            new SchemaVersionRule(),
            new SchemaRule(SchemaStore.INSTANCE),
            new CanonicalAdmissionRule(),
            new PackIdRule(),
            new DatabaseRule(),
            new PermissionShapeRule(),
            new DuplicatePermissionRule(),
            new VagueReasonRule(),
            new ComponentPermissionsRule(),
            new ComponentRule(),
            new ComponentIdRule(),
            new RuntimeParserRule(),
            new ElementRule(),
            new PackAliasRule(),
            new PackFilesRule(),
            new SecretsRule(),
            new NetworkRule(),
            new SubprocessRule(),
            new EnvironmentRule(),
            new ExternalServicesRule(),
            new AcceleratorRule(),
            new PermissionEvidenceRule(),
            new ServicesHostRule(),
            new PythonFilesRule(),
            new UpdateTrustRule(),
            new SuppressionRule());

    private static final Map<Code, Rule> OWNER = ALL.stream()
            .flatMap(r -> r.codes().stream().map(c -> Map.entry(c, r)))
            .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, Map.Entry::getValue));

    private static final Map<String, Code> BY_ID = allCodes().stream()
            .collect(Collectors.toUnmodifiableMap(Code::id, Function.identity()));

    /** Every code: the rules' own, then the service's {@link Limits}. */
    public static List<Code> allCodes() {
        return java.util.stream.Stream.concat(ALL.stream().flatMap(r -> r.codes().stream()), Limits.CODES.stream())
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
