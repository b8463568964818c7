package dev.astrid.ls.disclosure;

import dev.astrid.ls.model.Manifest;
import dev.astrid.ls.model.PermissionId;
import dev.astrid.ls.model.Permissions;
import dev.astrid.ls.model.SecretSites;
import dev.astrid.ls.workspace.PackView;
import dev.astrid.ls.yaml.YamlMapping;
import dev.astrid.ls.yaml.YamlNode;
import dev.astrid.ls.yaml.YamlScalar;
import dev.astrid.ls.yaml.YamlSequence;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a pack discloses: the permission ids its pack manifest lists, the {@code services} of each,
 * and every environment variable any of its manifests names (see {@link SecretSites}).
 */
public record Declarations(Set<PermissionId> permissions, Map<PermissionId, List<String>> services,
        Set<String> variables) {

    public static Declarations of(PackView pack) {
        Set<PermissionId> permissions = EnumSet.noneOf(PermissionId.class);
        Map<PermissionId, List<String>> services = new EnumMap<>(PermissionId.class);
        for (YamlMapping item : Permissions.items(pack.pack())) {
            if (item.get("id") instanceof YamlScalar id) {
                PermissionId.of(id.value()).ifPresent(p -> {
                    permissions.add(p);
                    if (item.get("services") instanceof YamlSequence list) {
                        List<String> names = services.computeIfAbsent(p, k -> new ArrayList<>());
                        for (YamlNode s : list.items()) {
                            if (YamlNode.deref(s) instanceof YamlScalar name && !name.isBlank()) {
                                names.add(name.value());
                            }
                        }
                    }
                });
            }
        }
        Set<String> variables = new LinkedHashSet<>();
        for (Manifest m : pack.all()) {
            SecretSites.declarations(m).forEach(d -> variables.add(d.name()));
        }
        return new Declarations(Set.copyOf(permissions), Map.copyOf(services), Set.copyOf(variables));
    }

    public boolean declares(PermissionId p) {
        return permissions.contains(p);
    }
}
