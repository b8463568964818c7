package dev.astrid.ls.rules;

import com.google.auto.service.AutoService;
import dev.astrid.ls.core.Code;
import dev.astrid.ls.core.Diagnostic;
import dev.astrid.ls.edit.Fix;
import dev.astrid.ls.edit.ManifestEdits;
import dev.astrid.ls.model.Manifest;
import dev.astrid.ls.model.ManifestKind;
import dev.astrid.ls.yaml.YamlMapping;
import dev.astrid.ls.yaml.YamlNode;
import dev.astrid.ls.yaml.YamlScalar;
import java.util.List;
import java.util.Map;

/**
 * A pack's {@code schema_version}: which grammar applies, and so whether structure can be checked.
 * Astrid's v1 validator takes any whole number (a float such as {@code 1.0} too) and knows only 1;
 * the canonical loader of v2 and v3 wants the integer itself.
 */
@AutoService(Rule.class)
public final class SchemaVersionRule implements Rule {
    public static final Code VERSION_MISSING = Code.error("schema-version-missing");
    public static final Code VERSION_UNSUPPORTED = Code.info("schema-version-unsupported");
    public static final Code VERSION_INVALID = Code.error("schema-version-invalid");

    @Override
    public List<Code> codes() {
        return List.of(VERSION_MISSING, VERSION_UNSUPPORTED, VERSION_INVALID);
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
                    + "runtime still loads it). Add `schema_version: 1` (the documented grammar), `2` or `3` (the "
                    + "strict canonical ones). Permission checks still apply.");
            return;
        }
        YamlNode value = RuleContext.anchor(entry.value());
        Integer version = m.schemaVersion();
        if (version == null) {
            ctx.report(SchemaRule.WRONG_TYPE, value, "schema_version must be a whole number, 1, 2 or 3, but found "
                    + PermissionShapeRule.describe(entry.value()) + " (Astrid: schema_version must be an integer, got "
                    + pythonType(entry.value()) + ")", Map.of("expected", "integer"));
        } else if (version < 1) {
            ctx.report(VERSION_INVALID, value, "schema_version " + version + " is not a version Astrid knows: write 1, "
                    + "2 or 3 (Astrid: unknown schema_version " + version + ")");
        } else if (version > 3) {
            ctx.report(VERSION_UNSUPPORTED, value, "schema_version " + version + ": structure not checked (this server "
                    + "knows the grammars of 1, 2 and 3); the permission and secret checks still apply.");
        } else if (version > 1 && entry.value() instanceof YamlScalar s && s.kind() == YamlScalar.Kind.FLOAT) {
            ctx.report(VERSION_INVALID, value, "schema_version " + s.value() + " is a float: the canonical loader wants "
                    + "the integer " + version + " (Astrid: schema_version must be integer 2 or 3)",
                    Map.of("version", version));
        }
    }

    /** The name Python gives the type PyYAML builds for a value, as Astrid's messages show it. */
    private static String pythonType(YamlNode node) {
        if (node instanceof YamlScalar s) {
            return switch (s.kind()) {
                case NULL -> "NoneType";
                case BOOL -> "bool";
                case INT -> "int";
                case FLOAT -> "float";
                case STRING -> "str";
            };
        }
        return node instanceof YamlMapping ? "dict" : "list";
    }

    @Override
    public List<Fix> fixes(FixContext ctx, Diagnostic d) {
        Manifest m = ctx.manifest();
        if (d.code() == VERSION_INVALID && d.data().get("version") instanceof Integer v && ctx.scalar(d) != null) {
            return List.of(Fix.of("Write " + v, d.code(), true, true,
                    ManifestEdits.replace(m, ctx.scalar(d), String.valueOf(v))));
        }
        if (d.code() != VERSION_MISSING || m.root() == null) {
            return List.of();
        }
        return List.of(Fix.of("Add schema_version: 1", d.code(), true, true,
                ManifestEdits.insertEntry(m, m.root(), null, "schema_version", new ManifestEdits.Raw("1"))));
    }
}
