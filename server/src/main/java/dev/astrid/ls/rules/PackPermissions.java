package dev.astrid.ls.rules;

import dev.astrid.ls.model.Manifest;
import dev.astrid.ls.yaml.YamlMapping;
import dev.astrid.ls.yaml.YamlNode;
import dev.astrid.ls.yaml.YamlScalar;

/** What the cross-file rules ask of the pack manifest's permissions. */
final class PackPermissions {
    private PackPermissions() {}

    /** The id node of the first permission with this id, or null. */
    static YamlScalar find(Manifest pack, String id) {
        for (YamlMapping item : Permissions.items(pack)) {
            if (item.get("id") instanceof YamlScalar s && s.value().equals(id)) {
                return s;
            }
        }
        return null;
    }

    /** Where a missing permission would go: the {@code permissions} key, else the manifest's first key. */
    static YamlNode anchor(Manifest pack) {
        YamlMapping root = pack.root();
        if (root == null || root.entries().isEmpty()) {
            return pack.yaml().root() != null ? pack.yaml().root() : null;
        }
        YamlMapping.Entry e = root.entry("permissions");
        return e != null ? e.key() : root.entries().get(0).key();
    }
}
