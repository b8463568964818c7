package dev.astrid.ls.rules;

import com.google.auto.service.AutoService;
import dev.astrid.ls.core.Code;
import dev.astrid.ls.core.Diagnostic;
import dev.astrid.ls.edit.Fix;
import dev.astrid.ls.edit.ManifestEdits;
import dev.astrid.ls.model.Manifest;
import dev.astrid.ls.model.ManifestKind;
import dev.astrid.ls.model.Strings;
import dev.astrid.ls.workspace.PackView;
import dev.astrid.ls.yaml.YamlMapping;
import dev.astrid.ls.yaml.YamlNode;
import dev.astrid.ls.yaml.YamlScalar;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A component must say which pack it belongs to, consistently with the pack that holds it. */
@AutoService(Rule.class)
public final class ComponentRule implements Rule {
    public static final Code ID_OUTSIDE_PACK = Code.error("component-id-outside-pack");
    public static final Code PACK_ID_MISMATCH = Code.error("component-pack-id-mismatch");
    public static final Code KIND_MISSING = Code.error("component-kind-missing");
    public static final Code SECRETS_FIELD = Code.warning("component-secrets-field");

    @Override
    public List<Code> codes() {
        return List.of(ID_OUTSIDE_PACK, PACK_ID_MISMATCH, KIND_MISSING, SECRETS_FIELD);
    }

    @Override
    public void check(RuleContext ctx) {
        ManifestKind kind = ctx.manifest().kind();
        YamlMapping root = ctx.manifest().root();
        if (kind == ManifestKind.PACK || root == null) {
            return;
        }
        if (kind == ManifestKind.EXECUTOR && !root.has("kind") && !root.entries().isEmpty()) {
            YamlNode at = root.entry("id") != null ? root.entry("id").key() : root.entries().get(0).key();
            ctx.report(KIND_MISSING, at, "This executor has no `kind`: Astrid needs `kind: built_in` (ships with "
                    + "Astrid) or `kind: external` (from a third-party pack) to load it");
        }
        if (kind == ManifestKind.EXECUTOR && root.entry("secrets") != null) {
            // Astrid's docs tell authors to write it and its runtime ignores it, but its v1 schema has no such field.
            ctx.report(SECRETS_FIELD, root.entry("secrets").key(), "Top-level `secrets` is not in Astrid's executor "
                    + "schema: its validator reports it, its runtime ignores it. Name the variables in "
                    + "`isolation.secrets_required`, which Astrid reads (Astrid: unknown field(s) in <root>)");
        }
        String packId = ctx.pack().map(PackView::id).filter(Manifest::isId).orElse(null);
        if (packId == null) {
            return; // no pack above, or its id is itself wrong: nothing sure to compare with
        }
        if (kind == ManifestKind.ELEMENT) {
            if (root.get("pack_id") instanceof YamlScalar p && !p.value().equals(packId)) {
                ctx.report(PACK_ID_MISMATCH, p, "pack_id '" + Strings.shorten(p.value()) + "' is not this element's "
                        + "pack: it sits in pack '" + packId + "'", Map.of("expected", packId));
            }
            return;
        }
        if (root.get("id") instanceof YamlScalar id && id.kind() == YamlScalar.Kind.STRING && !id.value().isBlank()) {
            int dot = id.value().indexOf('.');
            String owner = dot < 0 ? "" : id.value().substring(0, dot);
            if (!owner.equals(packId)) {
                String name = dot < 0 ? id.value() : id.value().substring(dot + 1);
                String expected = packId + "." + name;
                ctx.report(ID_OUTSIDE_PACK, id, "Id '" + Strings.shorten(id.value()) + "' is outside its pack: Astrid "
                        + "expects '" + expected + "' (" + "an " + kind.baseName() + " id starts with its pack's id '"
                        + packId + "')", Map.of("expected", expected, "packId", packId));
            }
        }
    }

    @Override
    public List<Fix> fixes(FixContext ctx, Diagnostic d) {
        Manifest m = ctx.manifest();
        List<Fix> out = new ArrayList<>();
        YamlScalar scalar = ctx.scalar(d);
        if ((d.code() == ID_OUTSIDE_PACK || d.code() == PACK_ID_MISMATCH) && d.data().get("expected") instanceof String s
                && scalar != null) {
            out.add(Fix.of("Change to '" + s + "'", d.code(), true, false,
                    ManifestEdits.replace(m, scalar, ManifestEdits.scalar(m, s))));
        } else if (d.code() == KIND_MISSING && m.root() != null) {
            YamlMapping.Entry id = m.root().entry("id");
            for (String kind : List.of("external", "built_in")) {
                out.add(Fix.of("Add kind: " + kind, d.code(), kind.equals("external"), false,
                        ManifestEdits.insertEntry(m, m.root(), id, "kind", new ManifestEdits.Text(kind))));
            }
        }
        return out;
    }
}
