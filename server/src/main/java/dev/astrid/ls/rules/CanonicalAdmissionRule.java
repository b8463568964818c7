package dev.astrid.ls.rules;

import com.google.auto.service.AutoService;
import dev.astrid.ls.core.Code;
import dev.astrid.ls.model.Manifest;
import dev.astrid.ls.model.ManifestKind;
import dev.astrid.ls.model.Strings;
import dev.astrid.ls.schema.JsonView;
import dev.astrid.ls.yaml.YamlMapping;
import dev.astrid.ls.yaml.YamlNode;
import dev.astrid.ls.yaml.YamlScalar;
import dev.astrid.ls.yaml.YamlSequence;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What Astrid's canonical admission (schema_version 2 and 3) checks beyond its JSON Schema:
 * public identities unique across the v3 sections, rendering keys that fit their type, unique
 * port names, aliases owned by the pack, and declarations made of JSON values only. Mirrors
 * peteromallet/Astrid-agent {@code astrid/core/pack/canonical.py} ({@code _normalize_declarations},
 * {@code _normalize_definition}, {@code _freeze}).
 */
@AutoService(Rule.class)
public final class CanonicalAdmissionRule implements Rule {
    public static final Code DUPLICATE_IDENTITY = Code.error("declaration-duplicate-identity");
    public static final Code RENDERING_KEY = Code.error("rendering-key-invalid");
    public static final Code DUPLICATE_PORT = Code.error("port-duplicate-name");
    public static final Code ALIAS_NOT_OWNED = Code.error("alias-not-owned");
    public static final Code NOT_JSON = Code.error("declaration-not-json");

    private static final List<String> SECTIONS = List.of("actions", "ui", "rendering", "documents");
    private static final Pattern LOCAL = Pattern.compile("[a-z][a-z0-9_-]*");
    private static final Pattern ELEMENT_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");
    private static final Pattern RENDERING_KEY_FORM = Pattern.compile("[a-z][a-z0-9_-]*(/[A-Za-z0-9][A-Za-z0-9_.-]*)?");
    private static final Pattern QUALIFIED_V2 = Pattern.compile("[a-z][a-z0-9_]*\\.[a-z][a-z0-9_]*");
    private static final Pattern QUALIFIED_V3 = Pattern.compile("[a-z][a-z0-9_]*\\.[a-z][a-z0-9_-]*");

    @Override
    public List<Code> codes() {
        return List.of(DUPLICATE_IDENTITY, RENDERING_KEY, DUPLICATE_PORT, ALIAS_NOT_OWNED, NOT_JSON);
    }

    @Override
    public void check(RuleContext ctx) {
        Manifest m = ctx.manifest();
        Integer version = m.schemaVersion();
        YamlMapping root = m.root();
        if (m.kind() != ManifestKind.PACK || root == null || version == null || version < 2 || version > 3
                || !(root.get("id") instanceof YamlScalar idScalar)) {
            return;
        }
        String packId = idScalar.value();
        Map<String, YamlNode> identities = new HashMap<>();
        if (version == 3) {
            for (String section : SECTIONS) {
                if (root.get(section) instanceof YamlMapping declarations) {
                    declarations(ctx, packId, section, declarations, identities);
                }
            }
            for (String block : List.of("actions", "ui", "rendering", "documents", "agent", "secrets")) {
                YamlMapping.Entry e = root.entry(block);
                if (e != null) {
                    jsonValues(ctx, e.value(), block, 0);
                }
            }
        } else {
            for (String block : List.of("extensions", "agent")) {
                YamlMapping.Entry e = root.entry(block);
                if (e != null) {
                    jsonValues(ctx, e.value(), block, 0);
                }
            }
        }
        if (root.get("aliases") instanceof YamlSequence aliases) {
            aliases(ctx, packId, version, aliases, identities);
        }
    }

    /** One v3 section, keys in Astrid's order (sorted), each a public identity unless it is an element. */
    private static void declarations(RuleContext ctx, String packId, String section, YamlMapping declarations,
                                     Map<String, YamlNode> identities) {
        List<YamlMapping.Entry> entries = declarations.entries().stream().filter(e -> e.keyText() != null)
                .sorted(Comparator.comparing(YamlMapping.Entry::keyText)).toList();
        for (YamlMapping.Entry e : entries) {
            String key = e.keyText();
            YamlMapping item = YamlNode.deref(e.value()) instanceof YamlMapping map ? map : null;
            boolean element = section.equals("rendering") && item != null
                    && item.get("type") instanceof YamlScalar t && t.value().equals("element");
            if (section.equals("rendering") && item != null && item.get("type") instanceof YamlScalar type
                    && RENDERING_KEY_FORM.matcher(key).matches()) {
                renderingKey(ctx, e.key(), key, type.value(), element);
            }
            String identity = element ? key : packId + "." + key;
            YamlNode first = identities.putIfAbsent(identity, e.key());
            if (first != null) {
                ctx.report(DUPLICATE_IDENTITY, e.key().start(), e.key().end(), "'" + Strings.shorten(key) + "' is already "
                        + "declared in " + section(first) + ": every action, ui, rendering and document key is published as '"
                        + Strings.shorten(identity) + "', so each must be unique across the sections (Astrid: " + section
                        + "." + Strings.shorten(key) + " duplicates public identity '" + Strings.shorten(identity) + "')",
                        Map.of(), List.of(RuleContext.related(ctx.manifest(), first, "first '" + Strings.shorten(key) + "'")));
            }
            if (section.equals("actions") && item != null) {
                for (String slot : List.of("inputs", "outputs")) {
                    if (item.get(slot) instanceof YamlSequence ports) {
                        ports(ctx, section + "." + key + "." + slot, ports);
                    }
                }
            }
        }
    }

    private static String section(YamlNode key) {
        List<Object> path = key.path();
        return path.isEmpty() ? "this pack" : "`" + path.get(0) + "`";
    }

    private static void renderingKey(RuleContext ctx, YamlNode keyNode, String key, String type, boolean element) {
        String[] parts = key.split("/", -1);
        boolean valid = element ? parts.length == 2 && LOCAL.matcher(parts[0]).matches()
                && ELEMENT_ID.matcher(parts[1]).matches() : LOCAL.matcher(key).matches();
        if (!valid) {
            String lead = element ? "An element's rendering key is `<kind>/<id>`, e.g. `effects/" + key + "`"
                    : "Key '" + Strings.shorten(key) + "' has the element form `<kind>/<id>`, but its type is "
                    + Strings.shorten(type) + ": renderers, planners and finalizers take a plain name";
            ctx.report(RENDERING_KEY, keyNode, lead + " (Astrid: rendering." + Strings.shorten(key)
                    + " has invalid local identity)");
        }
    }

    private static void ports(RuleContext ctx, String location, YamlSequence ports) {
        Map<String, YamlNode> names = new HashMap<>();
        for (YamlNode port : ports.items()) {
            if (YamlNode.deref(port) instanceof YamlMapping p && p.get("name") instanceof YamlScalar name
                    && name.kind() == YamlScalar.Kind.STRING) {
                YamlNode first = names.putIfAbsent(name.value(), name);
                if (first != null) {
                    ctx.report(DUPLICATE_PORT, name.start(), name.end(), "Port name '" + Strings.shorten(name.value())
                            + "' is used twice in `" + location + "`: each port needs its own name (Astrid: " + location
                            + " contains duplicate port names)", Map.of(), List.of(RuleContext.related(ctx.manifest(),
                            first, "first '" + Strings.shorten(name.value()) + "'")));
                }
            }
        }
    }

    private static void aliases(RuleContext ctx, String packId, int version, YamlSequence aliases,
                                Map<String, YamlNode> identities) {
        Pattern qualified = version == 3 ? QUALIFIED_V3 : QUALIFIED_V2;
        for (int i = 0; i < aliases.items().size(); i++) {
            if (!(YamlNode.deref(aliases.items().get(i)) instanceof YamlMapping item)
                    || !(item.get("alias") instanceof YamlScalar alias) || !(item.get("canonical_id") instanceof YamlScalar target)
                    || !qualified.matcher(alias.value()).matches() || !qualified.matcher(target.value()).matches()) {
                continue; // the schema reports malformed ids
            }
            String astrid = " (Astrid: aliases[" + i + "] must be distinct IDs owned by '" + packId + "')";
            if (alias.value().equals(target.value())) {
                ctx.report(ALIAS_NOT_OWNED, target, "Alias '" + alias.value() + "' points at itself: an alias names an old "
                        + "id for a different, current one" + astrid);
            } else if (!alias.value().startsWith(packId + ".") || !target.value().startsWith(packId + ".")) {
                YamlScalar foreign = alias.value().startsWith(packId + ".") ? target : alias;
                ctx.report(ALIAS_NOT_OWNED, foreign, "'" + Strings.shorten(foreign.value()) + "' belongs to another pack: "
                        + "both ids of an alias must start with this pack's id '" + packId + ".'" + astrid);
            } else if (version == 3 && identities.containsKey(alias.value())) {
                ctx.report(DUPLICATE_IDENTITY, alias.start(), alias.end(), "Alias '" + alias.value() + "' is the id of a "
                        + "declaration of this pack, so it cannot also be an alias (Astrid: aliases duplicates public identity '"
                        + alias.value() + "')", Map.of(), List.of(RuleContext.related(ctx.manifest(),
                        identities.get(alias.value()), "the declaration")));
            }
        }
    }

    /**
     * Admission freezes these blocks into plain JSON: a float or a date anywhere inside is refused.
     * The message builds Astrid's path, with {@code []} for list items.
     */
    private static void jsonValues(RuleContext ctx, YamlNode node, String path, int depth) {
        YamlNode n = YamlNode.deref(node);
        if (depth > 64) {
            return;
        }
        if (n instanceof YamlMapping map) {
            for (YamlMapping.Entry e : map.entries()) {
                jsonValues(ctx, e.value(), path + "." + e.keyText(), depth + 1);
            }
        } else if (n instanceof YamlSequence seq) {
            for (YamlNode item : seq.items()) {
                jsonValues(ctx, item, path + "[]", depth + 1);
            }
        } else if (n instanceof YamlScalar s && n == node) {
            boolean date = JsonView.isTimestamp(s);
            if (s.kind() == YamlScalar.Kind.FLOAT || date) {
                boolean finite = date || !s.value().toLowerCase(Locale.ROOT).matches(".*\\.(inf|nan)");
                String what = date ? "a date (YAML reads unquoted `" + Strings.shorten(s.value()) + "` as one): quote it"
                        : finite ? "a float (`" + s.value() + "`): Astrid's canonical loader keeps only whole numbers, "
                        + "strings, booleans and null here; write a whole number or quote it"
                        : "not a finite number: quote it";
                ctx.report(NOT_JSON, s, "`" + path + "` is " + what + " (Astrid: " + path
                        + (finite ? " must contain JSON values)" : " must contain finite JSON numbers)"));
            }
        }
    }
}
