package dev.astrid.ls.rules;

import dev.astrid.ls.model.Manifest;
import dev.astrid.ls.model.ManifestKind;
import dev.astrid.ls.workspace.PackView;
import dev.astrid.ls.yaml.YamlMapping;
import dev.astrid.ls.yaml.YamlNode;
import dev.astrid.ls.yaml.YamlScalar;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A component that says it uses the network, in a pack that does not disclose {@code network}. */
public final class NetworkRule implements Rule {
    public static final Code UNDECLARED = Code.warning("network-undeclared");

    @Override
    public List<Code> codes() {
        return List.of(UNDECLARED);
    }

    @Override
    public void check(RuleContext ctx) {
        PackView pack = ctx.pack().orElse(null);
        if (pack == null || pack.pack().root() == null || PackPermissions.find(pack.pack(), "network") != null) {
            return;
        }
        YamlNode anchor = PackPermissions.anchor(pack.pack());
        for (YamlScalar flag : networkFlags(ctx.manifest())) {
            ctx.report(UNDECLARED, flag.start(), flag.end(), "This component sets `isolation.network: true`, but "
                    + "the pack's pack.yaml declares no `network` permission. Declare it, with a reason naming the "
                    + "hosts it contacts.", Map.of("pack", pack.pack().document().uri()),
                    anchor == null ? List.of() : List.of(RuleContext.related(pack.pack(), anchor, "the pack's permissions")));
        }
    }

    private static List<YamlScalar> networkFlags(Manifest m) {
        List<YamlMapping> components = new ArrayList<>();
        YamlMapping root = m.root();
        if (root == null) {
            return List.of();
        }
        if (m.kind() == ManifestKind.PACK) {
            if (root.get("actions") instanceof YamlMapping actions) {
                actions.entries().forEach(e -> {
                    if (e.value() instanceof YamlMapping a) {
                        components.add(a);
                    }
                });
            }
        } else {
            components.add(root);
        }
        List<YamlScalar> out = new ArrayList<>();
        for (YamlMapping c : components) {
            if (c.get("isolation") instanceof YamlMapping iso && iso.get("network") instanceof YamlScalar n
                    && YamlScalar.isTrue(n)) {
                out.add(n);
            }
        }
        return out;
    }
}
