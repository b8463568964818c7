package dev.astrid.ls.rules;

import com.google.auto.service.AutoService;
import dev.astrid.ls.core.Code;
import dev.astrid.ls.core.Diagnostic;
import dev.astrid.ls.disclosure.Declarations;
import dev.astrid.ls.disclosure.PackDisclosure;
import dev.astrid.ls.edit.Fix;
import dev.astrid.ls.edit.ManifestEdits;
import dev.astrid.ls.model.Manifest;
import dev.astrid.ls.model.ManifestKind;
import dev.astrid.ls.model.Permissions;
import dev.astrid.ls.model.SecretSites;
import dev.astrid.ls.model.Strings;
import dev.astrid.ls.workspace.PackView;
import dev.astrid.ls.yaml.YamlMapping;
import dev.astrid.ls.yaml.YamlNode;
import dev.astrid.ls.yaml.YamlScalar;
import dev.astrid.ls.yaml.YamlSequence;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Secrets and the {@code environment} permission, across the whole pack: secrets say which
 * variables a pack reads, {@code environment} says that it reads the environment at all, and a
 * pack that does one should disclose the other.
 */
@AutoService(Rule.class)
public final class SecretsRule implements Rule {
    public static final Code WITHOUT_ENVIRONMENT = Code.warning("secret-without-environment");
    public static final Code UNDECLARED = Code.warning("secret-undeclared");
    public static final Code ENVIRONMENT_WITHOUT_SECRETS = Code.hint("environment-without-secrets");
    public static final Code MISSING_DESCRIPTION = Code.warning("secret-missing-description");
    public static final Code INVALID_NAME = Code.error("secret-invalid-name");
    public static final Code BLANK_NAME = Code.warning("secret-blank-name");

    @Override
    public List<Code> codes() {
        return List.of(WITHOUT_ENVIRONMENT, UNDECLARED, ENVIRONMENT_WITHOUT_SECRETS, MISSING_DESCRIPTION, INVALID_NAME,
                BLANK_NAME);
    }

    @Override
    public void check(RuleContext ctx) {
        Manifest m = ctx.manifest();
        if (m.kind() == ManifestKind.PACK) {
            packSecrets(ctx, m);
        }
        PackView pack = ctx.pack().orElse(null);
        if (pack == null || pack.pack().root() == null) {
            return; // no pack above, or one whose manifest was not read: no guessing what it declares
        }
        List<SecretSites.Declaration> all = new ArrayList<>();
        pack.all().forEach(x -> all.addAll(SecretSites.declarations(x)));
        YamlScalar environment = Permissions.find(pack.pack(), "environment");

        if (environment == null) {
            YamlNode anchor = Permissions.anchor(pack.pack());
            for (SecretSites.Declaration d : SecretSites.declarations(m)) {
                if (!d.secret()) {
                    continue;
                }
                String name = Strings.shorten(d.name());
                ctx.report(WITHOUT_ENVIRONMENT, d.node().start(), d.node().end(), "Secret " + name + " is read, but the "
                        + "pack declares no `environment` permission. Secrets name the variables; `environment` tells "
                        + "the user the pack reads the environment at all: add it, with a reason naming " + name + ".",
                        Map.of("pack", pack.pack().document().uri()),
                        anchor == null ? List.of() : List.of(RuleContext.related(pack.pack(), anchor,
                                "the pack's permissions")));
            }
        }

        if (m != pack.pack() && !m.document().uri().equals(pack.pack().document().uri())) {
            return;
        }
        Set<String> declared = all.stream().map(SecretSites.Declaration::name).collect(Collectors.toSet());
        Set<String> mentioned = new HashSet<>();
        for (SecretSites.Mention mention : SecretSites.mentions(m)) {
            if (!declared.contains(mention.name())) {
                mentioned.add(mention.name());
                ctx.report(UNDECLARED, mention.start(), mention.end(), "Secret " + mention.name() + " is named in this "
                        + "reason but declared nowhere in the pack: declare it (a `secrets:` entry, or "
                        + "`isolation.secrets_required` on the component that reads it) so the trust summary lists it.",
                        Map.of("name", mention.name()), List.of());
            }
        }
        readInCode(ctx, pack, mentioned);
        if (environment != null && all.isEmpty() && pack.complete()) {
            ctx.report(ENVIRONMENT_WITHOUT_SECRETS, environment, "`environment` names no variable: no manifest of the "
                    + "pack says which one it reads (a `secrets:` entry, `isolation.secrets_required` or "
                    + "`isolation.env_passthrough`). Naming them tells the user exactly what the pack reads.");
        }
    }

    /**
     * Secret-like variables the pack's code reads that no manifest declares, on the pack's
     * {@code secrets} key (or where its permissions go): the trust summary lists declared secrets
     * only, so the user is never told of these. Other variables are settings, not secrets: they
     * count as {@code environment} use, and the trust summary preview lists them.
     */
    private static void readInCode(RuleContext ctx, PackView pack, Set<String> mentioned) {
        PackDisclosure disclosure = ctx.disclosure().orElse(null);
        if (disclosure == null) {
            return;
        }
        YamlMapping root = pack.pack().root();
        YamlNode anchor = root != null && root.entry("secrets") != null ? root.entry("secrets").key()
                : Permissions.anchor(pack.pack());
        disclosure.undeclaredVariables(Declarations.of(pack)).forEach((name, sites) -> {
            if (SecretSites.looksSecret(name) && !mentioned.contains(name)) {
                ctx.report(UNDECLARED, anchor.start(), anchor.end(), "Secret " + name + " is read in code but declared "
                        + "nowhere: " + DisclosureFindings.sites(sites) + ". Declare it (a `secrets:` entry, or "
                        + "`isolation.secrets_required` on the component that reads it) so the trust summary lists it.",
                        Map.of("name", name), DisclosureFindings.related(sites));
            }
        });
    }

    /** Astrid's own checks of pack-level {@code secrets} items. */
    private static void packSecrets(RuleContext ctx, Manifest m) {
        if (!(m.get("secrets") instanceof YamlSequence list)) {
            return;
        }
        boolean v2 = Integer.valueOf(2).equals(m.schemaVersion());
        boolean v1 = m.schemaVersion() == null || m.schemaVersion() == 1;
        for (int i = 0; i < list.items().size(); i++) {
            if (!(list.items().get(i) instanceof YamlMapping s) || !(s.get("name") instanceof YamlScalar name)) {
                continue;
            }
            if (name.kind() == YamlScalar.Kind.STRING && Strings.isPythonBlank(name.value())) {
                YamlNode at = RuleContext.anchor(name);
                if (v2) {
                    ctx.report(INVALID_NAME, at, "Secret name is blank: schema_version 2 needs an upper-case variable "
                            + "name, e.g. 'OPENAI_API_KEY' (Astrid: secrets." + i + ".name: '" + name.value()
                            + "' does not match '^[A-Z][A-Z0-9_]*$')");
                } else if (v1) {
                    ctx.report(BLANK_NAME, at, "Secret name is blank: Astrid accepts the pack but its trust summary "
                            + "names no variable for this secret; write the variable's name (Astrid: secrets[" + i
                            + "]: empty or missing secret name)");
                }
                continue;
            }
            if (name.isNull()) {
                continue;
            }
            if (v2 && !name.value().matches("[A-Z][A-Z0-9_]*")) {
                String suggestion = name.value().toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9_]", "_");
                ctx.report(INVALID_NAME, name, "Secret name '" + Strings.shorten(name.value()) + "' is not an upper-case "
                        + "variable name: schema_version 2 needs a letter, then letters, digits or underscores, e.g. '"
                        + Strings.shorten(suggestion) + "'", Map.of("suggestion", suggestion));
            }
            boolean required = YamlScalar.isTrue(s.get("required"));
            boolean described = s.get("description") instanceof YamlScalar d && !d.isBlank();
            if (!required && !described) {
                ctx.report(MISSING_DESCRIPTION, name, "Optional secret '" + Strings.shorten(name.value()) + "' has no "
                        + "description: say what it unlocks, so the user knows whether to set it (Astrid: secret '"
                        + Strings.shorten(name.value()) + "': optional secret has no description).",
                        Map.of("name", name.value()));
            }
        }
    }

    @Override
    public List<Fix> fixes(FixContext ctx, Diagnostic d) {
        Manifest m = ctx.manifest();
        PackView pack = ctx.pack();
        YamlScalar scalar = ctx.scalar(d);
        if (d.code() == INVALID_NAME && d.data().get("suggestion") instanceof String s && scalar != null) {
            return List.of(Fix.of("Change to '" + s + "'", d.code(), true, false,
                    ManifestEdits.replace(m, scalar, ManifestEdits.scalar(m, s))));
        }
        if (d.code() == WITHOUT_ENVIRONMENT && pack != null && pack.pack().root() != null) {
            List<String> names = pack.all().stream().flatMap(x -> SecretSites.declarations(x).stream())
                    .filter(SecretSites.Declaration::secret).map(SecretSites.Declaration::name)
                    .collect(Collectors.toCollection(TreeSet::new)).stream().toList();
            String reason = "Reads " + Strings.joinAnd(names) + " from the environment";
            return List.of(Fix.of("Add the environment permission to the pack", d.code(), true, false,
                    ManifestEdits.appendItems(pack.pack(), "permissions", List.of(List.of(
                            new ManifestEdits.Field("id", new ManifestEdits.Text("environment")),
                            new ManifestEdits.Field("reason", new ManifestEdits.Text(reason)))))));
        }
        if (d.code() == UNDECLARED && d.data().get("name") instanceof String name) {
            Manifest target = pack != null ? pack.pack() : m;
            return List.of(Fix.of("Declare " + name + " in the pack's secrets", d.code(), true, false,
                    ManifestEdits.appendItems(target, "secrets", List.of(List.of(
                            new ManifestEdits.Field("name", new ManifestEdits.Text(name)),
                            new ManifestEdits.Field("required", new ManifestEdits.Flag(true)))))));
        }
        return List.of();
    }
}
