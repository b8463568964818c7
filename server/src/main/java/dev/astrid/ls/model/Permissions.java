package dev.astrid.ls.model;

import dev.astrid.ls.yaml.YamlMapping;
import dev.astrid.ls.yaml.YamlNode;
import dev.astrid.ls.yaml.YamlScalar;
import dev.astrid.ls.yaml.YamlSequence;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** What a pack manifest's {@code permissions} list says, as the rules, hover and fixes ask it. */
public final class Permissions {
    /** The keys a permission item may have. */
    public static final List<String> FIELDS = List.of("id", "reason", "access", "services");

    private Permissions() {}

    /** The mapping items of the pack's {@code permissions} list (aliases followed); empty for components. */
    public static List<YamlMapping> items(Manifest m) {
        if (m.kind() != ManifestKind.PACK || !(m.get("permissions") instanceof YamlSequence list)) {
            return List.of();
        }
        return list.items().stream()
                .map(YamlNode::deref)
                .filter(YamlMapping.class::isInstance)
                .map(YamlMapping.class::cast)
                .toList();
    }

    /** The id node of the first permission with this id, or null. */
    public static YamlScalar find(Manifest pack, String id) {
        for (YamlMapping item : items(pack)) {
            if (item.get("id") instanceof YamlScalar s && s.value().equals(id)) {
                return s;
            }
        }
        return null;
    }

    public static boolean declares(Manifest pack, String id) {
        return find(pack, id) != null;
    }

    /** The ids declared, in order, each once. */
    public static Set<String> ids(Manifest pack) {
        Set<String> out = new LinkedHashSet<>();
        for (YamlMapping item : items(pack)) {
            if (item.get("id") instanceof YamlScalar s) {
                out.add(s.value());
            }
        }
        return out;
    }

    /** The item of the first permission with this id, or null. */
    public static YamlMapping item(Manifest pack, String id) {
        YamlScalar s = find(pack, id);
        return s == null ? null : (YamlMapping) s.parent();
    }

    public static int indexOf(YamlNode item) {
        return item.parent() instanceof YamlSequence s ? s.indexOf(item) : -1;
    }

    /** Where a missing permission would go: the {@code permissions} key, else the manifest's first key. */
    public static YamlNode anchor(Manifest pack) {
        YamlMapping root = pack.root();
        if (root == null || root.entries().isEmpty()) {
            return pack.yaml().root();
        }
        YamlMapping.Entry e = root.entry("permissions");
        return e != null ? e.key() : root.entries().get(0).key();
    }
}
