package dev.astrid.ls.rules;

import dev.astrid.ls.model.ManifestKind;
import dev.astrid.ls.yaml.YamlMapping;
import java.util.List;
import java.util.Map;

/** Permissions are pack-level only: a component cannot declare its own. */
public final class ComponentPermissionsRule implements Rule {
    public static final Code IN_COMPONENT = Code.error("permissions-in-component");

    @Override
    public List<Code> codes() {
        return List.of(IN_COMPONENT);
    }

    @Override
    public void check(RuleContext ctx) {
        ManifestKind kind = ctx.manifest().kind();
        YamlMapping root = ctx.manifest().root();
        if (kind == ManifestKind.PACK || root == null) {
            return;
        }
        YamlMapping.Entry e = root.entry("permissions");
        if (e != null) {
            ctx.report(IN_COMPONENT, e.key(), "An " + kind.baseName() + " manifest cannot declare permissions: "
                    + "they are pack-level only and shared by every component. Move this block to the pack's "
                    + "pack.yaml.", Map.of("kind", kind.baseName()));
        }
    }
}
