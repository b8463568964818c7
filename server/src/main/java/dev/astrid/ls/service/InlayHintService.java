package dev.astrid.ls.service;

import dev.astrid.ls.core.Setting;
import dev.astrid.ls.model.Manifest;
import dev.astrid.ls.model.ManifestKind;
import dev.astrid.ls.model.Permissions;
import dev.astrid.ls.model.SecretSites;
import dev.astrid.ls.workspace.PackView;
import dev.astrid.ls.yaml.YamlMapping;
import dev.astrid.ls.yaml.YamlNode;
import dev.astrid.ls.yaml.YamlSequence;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.List;

/**
 * Inlay hints that add what the text alone does not show (off by default): how many places of
 * the pack name a secret, and that a permission names services although the pack declares no
 * {@code network} permission.
 */
public final class InlayHintService {
    /** A label shown at an offset. */
    public record Hint(int offset, String label, String tooltip) {}

    public static final Setting<Boolean> ENABLED = Setting.bool("inlayHints.enabled", false,
            "Shows inlay hints: how many places of the pack name a secret, and a note after a permission's "
                    + "`services` when the pack declares no `network` permission.");

    public List<Hint> hints(Manifest m, PackView pack) {
        List<Hint> out = new ArrayList<>();
        if (pack == null) {
            return out;
        }
        Map<String, Long> count = new HashMap<>();
        pack.all().forEach(x -> SecretSites.declarations(x).forEach(d -> count.merge(d.name(), 1L, Long::sum)));
        for (SecretSites.Declaration d : SecretSites.declarations(m)) {
            long places = count.getOrDefault(d.name(), 0L);
            if (places > 1) {
                out.add(new Hint(d.node().end(), " named in " + places + " places",
                        d.name() + " is declared " + places + " times across the pack; hover it to see where."));
            }
        }
        if (m.kind() == ManifestKind.PACK && m.get("permissions") instanceof YamlSequence perms && !Permissions.declares(m, "network")) {
            for (YamlNode item : perms.items()) {
                if (item instanceof YamlMapping p && p.get("services") instanceof YamlSequence services
                        && !services.items().isEmpty()) {
                    out.add(new Hint(services.end(), " no network permission",
                            "These services are reached over the network, but the pack declares no `network` permission."));
                }
            }
        }
        return out;
    }
}
