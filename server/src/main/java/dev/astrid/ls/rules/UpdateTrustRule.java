package dev.astrid.ls.rules;

import com.google.auto.service.AutoService;
import dev.astrid.ls.core.Code;
import dev.astrid.ls.model.ManifestKind;
import dev.astrid.ls.model.Strings;
import dev.astrid.ls.update.Baseline;
import dev.astrid.ls.update.TrustFacts;
import dev.astrid.ls.update.UpdatePreview;
import dev.astrid.ls.workspace.PackView;
import dev.astrid.ls.yaml.YamlMapping;
import dev.astrid.ls.yaml.YamlNode;
import java.util.List;

/**
 * A permission or secret that Astrid's update diff would list as added, from the update base to
 * the pack as it is now: its users will be asked to trust it when they update. Reads the base
 * from memory ({@link RuleContext#baseline()}), never git.
 */
@AutoService(Rule.class)
public final class UpdateTrustRule implements Rule {
    public static final Code ADDS_TRUST = Code.info("update-adds-trust");

    @Override
    public List<Code> codes() {
        return List.of(ADDS_TRUST);
    }

    @Override
    public void check(RuleContext ctx) {
        PackView pack = ctx.pack().orElse(null);
        Baseline base = ctx.baseline().orElse(null);
        if (base == null || pack == null || ctx.manifest().kind() != ManifestKind.PACK
                || !pack.pack().document().uri().equals(ctx.manifest().document().uri())) {
            return;
        }
        // the nodes reported must be this manifest's own
        PackView current = new PackView(pack.root(), ctx.manifest(), pack.components());
        UpdatePreview.trustChanges(current, base).ifPresent(changes -> {
            String at = changes.ref() + " (" + changes.commit().substring(0, 8) + ")";
            for (TrustFacts.Permission p : changes.permissionsAdded()) {
                ctx.report(ADDS_TRUST, RuleContext.anchor(value(p.node(), "id")), "New on update: users will be asked "
                        + "to trust this permission, which " + at + " does not declare. The update diff shows: "
                        + Strings.shorten(p.label()));
            }
            for (TrustFacts.Secret s : changes.secretsAdded()) {
                ctx.report(ADDS_TRUST, RuleContext.anchor(value(s.node(), "name")), "New on update: users will be asked "
                        + "to trust this secret, which " + at + " does not list as written. The update diff shows: "
                        + Strings.shorten(s.label()));
            }
        });
    }

    private static YamlNode value(YamlNode node, String key) {
        return node instanceof YamlMapping m && m.get(key) != null ? m.get(key) : node;
    }
}
