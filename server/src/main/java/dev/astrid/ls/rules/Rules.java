package dev.astrid.ls.rules;

import dev.astrid.ls.schema.SchemaStore;
import java.util.List;

/** Every rule, in the order they run. Add new rules here. */
public final class Rules {
    private Rules() {}

    public static final List<Rule> ALL = List.of(
            new YamlRule(),
            new SchemaRule(SchemaStore.INSTANCE),
            new PackIdRule(),
            new DatabaseRule(),
            new PermissionShapeRule(),
            new DuplicatePermissionRule(),
            new VagueReasonRule(),
            new ComponentPermissionsRule(),
            new ComponentRule(),
            new SecretsRule(),
            new NetworkRule());

    public static List<Code> allCodes() {
        return ALL.stream().flatMap(r -> r.codes().stream()).toList();
    }
}
