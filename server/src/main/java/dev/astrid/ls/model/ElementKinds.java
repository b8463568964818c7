package dev.astrid.ls.model;

import dev.astrid.ls.yaml.YamlMapping;
import dev.astrid.ls.yaml.YamlNode;
import dev.astrid.ls.yaml.YamlScalar;
import dev.astrid.ls.yaml.YamlSequence;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The element kinds a pack's elements may use, as Astrid's kind registry builds them
 * (banodoco/ArtAgents {@code astrid/core/pack/registry.py}): the built-in effects, animations and
 * transitions, plus every {@code extensions.elements.kinds} item of the pack, each known by its
 * id, plural and singular, and named canonically by its plural (else its id).
 */
public final class ElementKinds {
    private final Map<String, String> canonical;

    private ElementKinds(Map<String, String> canonical) {
        this.canonical = canonical;
    }

    public static ElementKinds of(Manifest pack) {
        Map<String, String> names = new LinkedHashMap<>();
        for (String builtIn : new String[] {"effect", "animation", "transition"}) {
            names.put(builtIn + "s", builtIn + "s");
            names.put(builtIn, builtIn + "s");
        }
        if (pack.get("extensions") instanceof YamlMapping ext && ext.get("elements") instanceof YamlMapping elements
                && elements.get("kinds") instanceof YamlSequence kinds) {
            for (YamlNode k : kinds.items()) {
                if (YamlNode.deref(k) instanceof YamlMapping kind && text(kind, "id") != null) {
                    String plural = text(kind, "plural");
                    String name = plural != null ? plural : text(kind, "id");
                    for (String alias : new String[] {text(kind, "id"), plural, text(kind, "singular")}) {
                        if (alias != null) {
                            names.putIfAbsent(alias, name);
                        }
                    }
                }
            }
        }
        return new ElementKinds(names);
    }

    /** The canonical kind for a name written in {@code kind:} or as a folder, or null when it is unknown. */
    public String canonical(String name) {
        return canonical.get(name);
    }

    /** Every accepted name, for suggestions. */
    public Set<String> names() {
        return canonical.keySet();
    }

    private static String text(YamlMapping m, String key) {
        return m.get(key) instanceof YamlScalar s && s.kind() == YamlScalar.Kind.STRING && !s.value().isBlank()
                ? s.value().strip() : null;
    }
}
