package dev.astrid.ls.rules;

import dev.astrid.ls.yaml.YamlMapping;
import dev.astrid.ls.yaml.YamlScalar;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The same id declared twice: Astrid accepts it, but the trust summary then lists it twice. */
public final class DuplicatePermissionRule implements Rule {
    public static final Code DUPLICATE_ID = Code.warning("permission-duplicate-id");

    @Override
    public List<Code> codes() {
        return List.of(DUPLICATE_ID);
    }

    @Override
    public void check(RuleContext ctx) {
        Map<String, YamlScalar> first = new HashMap<>();
        for (YamlMapping item : Permissions.items(ctx.manifest())) {
            if (!(item.get("id") instanceof YamlScalar id) || id.value().isBlank()) {
                continue;
            }
            YamlScalar earlier = first.putIfAbsent(id.value(), id);
            if (earlier != null) {
                int line = ctx.range(earlier).start().line();
                ctx.report(DUPLICATE_ID, id.start(), id.end(),
                        "Permission '" + id.value() + "' is already declared on line " + (line + 1)
                                + "; declare each id once and put every use in its reason",
                        Map.of("id", id.value(), "index", Permissions.indexOf(item)),
                        List.of(new Diagnostic.Related(ctx.manifest().document().uri(), ctx.range(earlier),
                                "first declaration of '" + id.value() + "'")));
            }
        }
    }
}
