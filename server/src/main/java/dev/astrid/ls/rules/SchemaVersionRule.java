package dev.astrid.ls.rules;

import dev.astrid.ls.core.Code;
import dev.astrid.ls.core.Diagnostic;
import dev.astrid.ls.edit.Fix;
import dev.astrid.ls.edit.ManifestEdits;
import dev.astrid.ls.model.Manifest;
import dev.astrid.ls.model.ManifestKind;
import dev.astrid.ls.yaml.YamlMapping;
import dev.astrid.ls.yaml.YamlNode;
import java.util.List;
import java.util.Map;

/** A pack's {@code schema_version}: which grammar applies, and so whether structure can be checked. */
public final class SchemaVersionRule implements Rule {
    public static final Code VERSION_MISSING = Code.error("schema-version-missing");
    public static final Code VERSION_UNSUPPORTED = Code.info("schema-version-unsupported");

    @Override
    public List<Code> codes() {
        return List.of(VERSION_MISSING, VERSION_UNSUPPORTED);
    }

    @Override
    public void check(RuleContext ctx) {
        Manifest m = ctx.manifest();
        YamlMapping root = m.root();
        if (m.kind() != ManifestKind.PACK || root == null) {
            return;
        }
        YamlMapping.Entry entry = root.entry("schema_version");
        if (entry == null) {
            YamlNode first = root.entries().isEmpty() ? root : root.entries().get(0).key();
            ctx.report(VERSION_MISSING, first, "No schema_version: Astrid's validator rejects this legacy pack (its "
                    + "runtime still loads it). Add `schema_version: 1` (the documented grammar) or `schema_version: 2` "
                    + "(the strict canonical one). Permission checks still apply.");
            return;
        }
        Integer version = m.schemaVersion();
        if (version == null) {
            ctx.report(SchemaRule.WRONG_TYPE, RuleContext.anchor(entry.value()), "schema_version must be an integer, "
                    + "1 or 2, but found " + PermissionShapeRule.describe(entry.value()), Map.of("expected", "integer"));
        } else if (version != 1 && version != 2) {
            ctx.report(VERSION_UNSUPPORTED, entry.value(), "schema_version " + version + ": structure not checked (this "
                    + "server knows the grammars of 1 and 2); the permission and secret checks still apply.");
        }
    }

    @Override
    public List<Fix> fixes(FixContext ctx, Diagnostic d) {
        Manifest m = ctx.manifest();
        if (d.code() != VERSION_MISSING || m.root() == null) {
            return List.of();
        }
        return List.of(Fix.of("Add schema_version: 1", d.code(), true, true,
                ManifestEdits.insertEntry(m, m.root(), null, "schema_version", new ManifestEdits.Raw("1"))));
    }
}
