package dev.astrid.ls.rules;

import dev.astrid.ls.model.Manifest;
import dev.astrid.ls.model.ManifestKind;
import dev.astrid.ls.yaml.YamlMapping;
import dev.astrid.ls.yaml.YamlNode;
import dev.astrid.ls.yaml.YamlSequence;
import java.util.List;

/** The permission items of a pack manifest, for rules that look at items one by one. */
final class Permissions {
    private Permissions() {}

    static List<YamlMapping> items(Manifest m) {
        if (m.kind() != ManifestKind.PACK || !(m.get("permissions") instanceof YamlSequence list)) {
            return List.of();
        }
        return list.items().stream()
                .map(YamlNode::deref)
                .filter(YamlMapping.class::isInstance)
                .map(YamlMapping.class::cast)
                .toList();
    }

    static int indexOf(YamlNode item) {
        return item.parent() instanceof YamlSequence s ? s.items().indexOf(item) : -1;
    }
}
