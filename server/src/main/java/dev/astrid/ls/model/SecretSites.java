package dev.astrid.ls.model;

import dev.astrid.ls.yaml.YamlMapping;
import dev.astrid.ls.yaml.YamlNode;
import dev.astrid.ls.yaml.YamlScalar;
import dev.astrid.ls.yaml.YamlSequence;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a pack names the environment variables it reads. Real packs use several places, all
 * recognised: a {@code secrets:} list (pack or component), {@code isolation.secrets_required},
 * {@code metadata.secrets_required} and {@code metadata.env}; {@code isolation.env_passthrough}
 * names non-secret pass-through variables. Schema-version-3 packs hold the same under each
 * {@code actions.<name>}.
 */
public final class SecretSites {
    /** A variable named somewhere, with the node holding its name and the key path of the site. */
    public record Declaration(String name, Manifest manifest, YamlNode node, String site, boolean secret) {}

    /** A secret-like variable named inside a permission reason. */
    public record Mention(String name, Manifest manifest, YamlScalar reason, int start, int end) {}

    private static final Pattern SECRET_LIKE = Pattern.compile(
            "\\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*_(?:KEY|TOKEN|SECRET|PASSWORD|PASSWD|PWD|CREDENTIALS?)\\b");

    private SecretSites() {}

    /** A variable name that looks like a credential: {@code *_KEY}, {@code *_TOKEN}, {@code *_SECRET}, {@code *_PASSWORD}… */
    public static boolean looksSecret(String name) {
        return SECRET_LIKE.matcher(name).matches();
    }

    public static List<Declaration> declarations(Manifest m) {
        List<Declaration> out = new ArrayList<>();
        YamlMapping root = m.root();
        if (root == null) {
            return out;
        }
        if (m.kind() == ManifestKind.PACK) {
            secretsList(m, root, "", out);
            if (root.get("actions") instanceof YamlMapping actions) {
                for (YamlMapping.Entry action : actions.entries()) {
                    if (action.value() instanceof YamlMapping a) {
                        component(m, a, "actions." + action.keyText() + ".", out);
                    }
                }
            }
        } else {
            component(m, root, "", out);
        }
        return out;
    }

    private static void component(Manifest m, YamlMapping c, String prefix, List<Declaration> out) {
        secretsList(m, c, prefix, out);
        if (c.get("isolation") instanceof YamlMapping iso) {
            names(m, iso.get("secrets_required"), prefix + "isolation.secrets_required", true, out);
            names(m, iso.get("env_passthrough"), prefix + "isolation.env_passthrough", false, out);
        }
        if (c.get("metadata") instanceof YamlMapping meta) {
            names(m, meta.get("secrets_required"), prefix + "metadata.secrets_required", true, out);
            names(m, meta.get("env"), prefix + "metadata.env", true, out);
        }
    }

    private static void secretsList(Manifest m, YamlMapping owner, String prefix, List<Declaration> out) {
        if (owner.get("secrets") instanceof YamlSequence list) {
            for (YamlNode item : list.items()) {
                if (item instanceof YamlMapping s && s.get("name") instanceof YamlScalar name && !name.isBlank()) {
                    out.add(new Declaration(name.value(), m, name, prefix + "secrets", true));
                }
            }
        }
    }

    private static void names(Manifest m, YamlNode list, String site, boolean secret, List<Declaration> out) {
        if (list instanceof YamlSequence seq) {
            for (YamlNode item : seq.items()) {
                if (item instanceof YamlScalar s && !s.isBlank()) {
                    out.add(new Declaration(s.value(), m, s, site, secret));
                }
            }
        }
    }

    /** Secret-like variable names ({@code *_KEY}, {@code *_TOKEN}…) in the pack's permission reasons. */
    public static List<Mention> mentions(Manifest pack) {
        List<Mention> out = new ArrayList<>();
        if (!(pack.get("permissions") instanceof YamlSequence perms)) {
            return out;
        }
        String text = pack.document().text();
        for (YamlNode item : perms.items()) {
            if (item instanceof YamlMapping p && p.get("reason") instanceof YamlScalar reason
                    && reason.kind() == YamlScalar.Kind.STRING) {
                Matcher matcher = SECRET_LIKE.matcher(reason.value());
                int quote = reason.style() == YamlScalar.Style.PLAIN ? 0 : 1;
                // Exact spans when the value is written as is (plain and simply quoted scalars); else
                // each name's next occurrence in the source, searched once left to right; else the scalar.
                boolean verbatim = reason.end() - reason.start() >= quote + reason.value().length()
                        && text.startsWith(reason.value(), reason.start() + quote);
                int cursor = reason.start();
                while (matcher.find()) {
                    int start = reason.start();
                    int end = reason.end();
                    if (verbatim) {
                        start = reason.start() + quote + matcher.start();
                        end = reason.start() + quote + matcher.end();
                    } else if (cursor >= 0) {
                        int at = text.indexOf(matcher.group(), cursor);
                        cursor = at >= 0 && at + matcher.group().length() <= reason.end() ? at + matcher.group().length() : -1;
                        if (cursor >= 0) {
                            start = at;
                            end = cursor;
                        }
                    }
                    out.add(new Mention(matcher.group(), pack, reason, start, end));
                }
            }
        }
        return out;
    }
}
