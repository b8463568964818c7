package dev.astrid.ls.rules;

import com.google.auto.service.AutoService;
import dev.astrid.ls.core.Code;
import dev.astrid.ls.core.Diagnostic;
import dev.astrid.ls.edit.Fix;
import dev.astrid.ls.edit.ManifestEdits;
import dev.astrid.ls.model.Manifest;
import dev.astrid.ls.model.ManifestKind;
import dev.astrid.ls.yaml.YamlScalar;
import java.util.List;
import java.util.Map;

/** Astrid loads a pack only when its id equals the name of the folder that holds it. */
@AutoService(Rule.class)
public final class PackIdRule implements Rule {
    public static final Code FOLDER_MISMATCH = Code.error("pack-id-folder-mismatch");

    @Override
    public List<Code> codes() {
        return List.of(FOLDER_MISMATCH);
    }

    @Override
    public void check(RuleContext ctx) {
        if (ctx.manifest().kind() != ManifestKind.PACK || !(ctx.manifest().get("id") instanceof YamlScalar id)
                || id.kind() != YamlScalar.Kind.STRING || !Manifest.isId(id.value())) {
            return;
        }
        String folder = ctx.manifest().folderName();
        if (folder != null && !folder.equals(id.value())) {
            ctx.report(FOLDER_MISMATCH, id, "Pack id '" + id.value() + "' differs from its folder '" + folder
                    + "': Astrid finds packs by folder name and refuses this one", Map.of("folder", folder));
        }
    }

    @Override
    public List<Fix> fixes(FixContext ctx, Diagnostic d) {
        YamlScalar id = ctx.scalar(d);
        if (d.data().get("folder") instanceof String folder && Manifest.isId(folder) && id != null) {
            return List.of(Fix.of("Change the id to '" + folder + "'", d.code(), true, false,
                    ManifestEdits.replace(ctx.manifest(), id, ManifestEdits.scalar(ctx.manifest(), folder))));
        }
        return List.of();
    }
}
