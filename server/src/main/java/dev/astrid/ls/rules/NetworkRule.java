package dev.astrid.ls.rules;

import com.google.auto.service.AutoService;
import dev.astrid.ls.core.Code;
import dev.astrid.ls.core.Diagnostic;
import dev.astrid.ls.edit.Fix;
import dev.astrid.ls.edit.ManifestEdits;
import dev.astrid.ls.model.Manifest;
import dev.astrid.ls.model.ManifestKind;
import dev.astrid.ls.model.Permissions;
import dev.astrid.ls.workspace.PackView;
import dev.astrid.ls.yaml.YamlMapping;
import dev.astrid.ls.yaml.YamlNode;
import dev.astrid.ls.yaml.YamlScalar;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A component that says it uses the network, in a pack that does not disclose {@code network}. */
@AutoService(Rule.class)
public final class NetworkRule implements Rule {
    public static final Code UNDECLARED = Code.warning("network-undeclared");

    @Override
    public List<Code> codes() {
        return List.of(UNDECLARED);
    }

    @Override
    public void check(RuleContext ctx) {
        PackView pack = ctx.pack().orElse(null);
        if (pack == null || pack.pack().root() == null || Permissions.declares(pack.pack(), "network")) {
            return;
        }
        YamlNode anchor = Permissions.anchor(pack.pack());
        for (YamlScalar flag : networkFlags(ctx.manifest())) {
            ctx.report(UNDECLARED, flag.start(), flag.end(), "Network use not disclosed: this component sets "
                    + "`isolation.network: true` but the pack declares no `network` permission. Declare it, with a "
                    + "reason naming the hosts it contacts.", Map.of("pack", pack.pack().document().uri()),
                    anchor == null ? List.of() : List.of(RuleContext.related(pack.pack(), anchor, "the pack's permissions")));
        }
    }

    @Override
    public List<Fix> fixes(FixContext ctx, Diagnostic d) {
        if (ctx.pack() == null || ctx.pack().pack().root() == null) {
            return List.of();
        }
        Manifest pack = ctx.pack().pack();
        ManifestEdits.Value reason = ctx.snippets() ? new ManifestEdits.Raw(ManifestEdits.isJson(pack)
                ? "\"${1:Calls which hosts, and why}\"" : "${1:Calls which hosts, and why}") : new ManifestEdits.Text("");
        return List.of(new Fix("Add the network permission to the pack", d.code(), true, false, ctx.snippets(),
                List.of(ManifestEdits.appendItems(pack, "permissions", List.of(List.of(
                        new ManifestEdits.Field("id", new ManifestEdits.Text("network")),
                        new ManifestEdits.Field("reason", reason)))))));
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
