package dev.astrid.ls.rules;

import dev.astrid.ls.model.ManifestKind;
import dev.astrid.ls.yaml.YamlScalar;
import java.util.List;
import java.util.Map;

/** Astrid loads a pack only when its id equals the name of the folder that holds it. */
public final class PackIdRule implements Rule {
    public static final Code FOLDER_MISMATCH = Code.error("pack-id-folder-mismatch");

    @Override
    public List<Code> codes() {
        return List.of(FOLDER_MISMATCH);
    }

    @Override
    public void check(RuleContext ctx) {
        if (ctx.manifest().kind() != ManifestKind.PACK || !(ctx.manifest().get("id") instanceof YamlScalar id)
                || id.kind() != YamlScalar.Kind.STRING || !id.value().matches("[a-z][a-z0-9_]*")) {
            return;
        }
        String folder = ctx.manifest().folderName();
        if (folder != null && !folder.equals(id.value())) {
            ctx.report(FOLDER_MISMATCH, id, "pack id '" + id.value() + "' must match the folder name '" + folder
                    + "': Astrid finds packs by folder", Map.of("folder", folder));
        }
    }
}
