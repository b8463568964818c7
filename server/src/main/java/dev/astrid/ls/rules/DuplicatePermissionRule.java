package dev.astrid.ls.rules;

import com.google.auto.service.AutoService;
import dev.astrid.ls.core.Code;
import dev.astrid.ls.core.Diagnostic;
import dev.astrid.ls.edit.Edit;
import dev.astrid.ls.edit.Fix;
import dev.astrid.ls.edit.ManifestEdits;
import dev.astrid.ls.model.Manifest;
import dev.astrid.ls.model.Permissions;
import dev.astrid.ls.model.Strings;
import dev.astrid.ls.yaml.YamlMapping;
import dev.astrid.ls.yaml.YamlScalar;
import dev.astrid.ls.yaml.YamlSequence;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The same id declared twice: Astrid accepts it, but the trust summary then lists it twice. */
@AutoService(Rule.class)
public final class DuplicatePermissionRule implements Rule {
    public static final Code DUPLICATE_ID = Code.warning("permission-duplicate-id");

    @Override
    public List<Code> codes() {
        return List.of(DUPLICATE_ID);
    }

    @Override
    public void check(RuleContext ctx) {
        Map<String, YamlScalar> first = new HashMap<>();
        for (YamlMapping item : Permissions.items(ctx.manifest())) {
            if (!(item.get("id") instanceof YamlScalar id) || id.value().isBlank()) {
                continue;
            }
            YamlScalar earlier = first.putIfAbsent(id.value(), id);
            if (earlier != null) {
                int line = ctx.range(earlier).start().line();
                String shown = Strings.shorten(id.value());
                ctx.report(DUPLICATE_ID, id.start(), id.end(), "Permission '" + shown + "' is declared twice (first on "
                                + "line " + (line + 1) + "): declare each id once and put every use in its reason",
                        Map.of("id", id.value(), "index", Permissions.indexOf(item)),
                        List.of(new Diagnostic.Related(ctx.manifest().document().uri(), ctx.range(earlier),
                                "first declaration of '" + shown + "'")));
            }
        }
    }

    /** Folds the duplicate into the first declaration (no word lost), then removes it. */
    @Override
    public List<Fix> fixes(FixContext ctx, Diagnostic d) {
        Manifest m = ctx.manifest();
        YamlScalar id = ctx.scalar(d);
        if (id == null || !(m.get("permissions") instanceof YamlSequence list)
                || !(id.parent() instanceof YamlMapping duplicate) || duplicate.parent() != list) {
            return List.of();
        }
        YamlMapping first = Permissions.item(m, id.value());
        if (first == null || first == duplicate) {
            return List.of();
        }
        List<Edit> edits = new ArrayList<>();
        List<String> comments = PermissionMerge.comments(m.document(), duplicate.start(), duplicate.end());
        boolean merges = PermissionMerge.addsSomething(first, duplicate, comments);
        if (merges) {
            edits.addAll(PermissionMerge.into(m, first, duplicate, comments));
        }
        edits.add(ManifestEdits.deleteItem(m, list, duplicate));
        String shown = Strings.shorten(id.value());
        String title = merges ? "Merge this '" + shown + "' into its first declaration"
                : "Remove this duplicate '" + shown + "' (it adds nothing)";
        return List.of(new Fix(title, d.code(), true, false, false, ManifestEdits.combine(edits)));
    }
}
