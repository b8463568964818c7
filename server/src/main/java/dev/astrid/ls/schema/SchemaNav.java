package dev.astrid.ls.schema;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * Walks a bundled schema along an instance path to find the sub-schemas that describe a node,
 * following {@code $ref} (local and between bundled files) and the branches of
 * {@code allOf}/{@code anyOf}/{@code oneOf}. Serves hover, completion and "did you mean".
 */
public final class SchemaNav {
    /**
     * A sub-schema and the file it lives in (to resolve its references); {@code conditional} when
     * it came from an anyOf/oneOf branch, so that its {@code required} list is not binding.
     */
    public record Located(String file, JsonNode node, boolean conditional) {
        Located(String file, JsonNode node) {
            this(file, node, false);
        }
    }

    private final SchemaStore store;

    public SchemaNav(SchemaStore store) {
        this.store = store;
    }

    /** All sub-schemas that apply at the path (keys as strings, indexes as integers). */
    public List<Located> at(String file, List<Object> path) {
        List<Located> current = expand(new Located(file, store.raw(file)), 0);
        for (Object segment : path) {
            List<Located> next = new ArrayList<>();
            for (Located l : current) {
                JsonNode child = child(l.node(), segment);
                if (child != null) {
                    next.addAll(expand(new Located(l.file(), child, l.conditional()), 0));
                }
            }
            current = next;
            if (current.isEmpty()) {
                break;
            }
        }
        return current;
    }

    private static JsonNode child(JsonNode schema, Object segment) {
        if (segment instanceof Integer) {
            JsonNode items = schema.get("items");
            return items != null && items.isObject() ? items : null;
        }
        String key = (String) segment;
        JsonNode props = schema.get("properties");
        if (props != null && props.has(key)) {
            return props.get(key);
        }
        JsonNode patterns = schema.get("patternProperties");
        if (patterns != null) {
            for (Map.Entry<String, JsonNode> e : patterns.properties()) {
                if (Pattern.compile(e.getKey()).matcher(key).find()) {
                    return e.getValue();
                }
            }
        }
        JsonNode additional = schema.get("additionalProperties");
        return additional != null && additional.isObject() ? additional : null;
    }

    /** The schema itself plus everything it references or combines, flattened. */
    private List<Located> expand(Located l, int depth) {
        List<Located> out = new ArrayList<>();
        if (depth > 16 || !l.node().isObject()) {
            return out;
        }
        out.add(l);
        JsonNode ref = l.node().get("$ref");
        if (ref != null && ref.isString()) {
            Located target = resolve(l.file(), ref.stringValue());
            out.addAll(expand(new Located(target.file(), target.node(), l.conditional()), depth + 1));
        }
        for (String combinator : List.of("allOf", "anyOf", "oneOf")) {
            JsonNode branches = l.node().get(combinator);
            if (branches != null && branches.isArray()) {
                for (JsonNode b : branches.values()) {
                    out.addAll(expand(new Located(l.file(), b, l.conditional() || !combinator.equals("allOf")),
                            depth + 1));
                }
            }
        }
        return out;
    }

    private Located resolve(String file, String ref) {
        int hash = ref.indexOf('#');
        String target = hash == 0 ? file : (hash < 0 ? ref : ref.substring(0, hash));
        String pointer = hash < 0 ? "" : ref.substring(hash + 1);
        JsonNode node = store.raw(target).at(pointer);
        return new Located(target, node);
    }

    /** Known keys at the path with their sub-schemas, in schema order. */
    public Map<String, Located> properties(List<Located> schemas) {
        Map<String, Located> out = new LinkedHashMap<>();
        for (Located l : schemas) {
            JsonNode props = l.node().get("properties");
            if (props != null) {
                for (Map.Entry<String, JsonNode> e : props.properties()) {
                    out.putIfAbsent(e.getKey(), new Located(l.file(), e.getValue()));
                }
            }
        }
        return out;
    }

    /** The first description found among the schemas, or null. */
    public String description(List<Located> schemas) {
        for (Located l : schemas) {
            for (String key : List.of("markdownDescription", "description")) {
                JsonNode d = l.node().get(key);
                if (d != null && d.isString()) {
                    return d.stringValue();
                }
            }
        }
        return null;
    }

    /** The first plain {@code type} among the schemas (following references), or an empty string. */
    public String type(List<Located> schemas) {
        for (Located l : schemas) {
            JsonNode t = l.node().get("type");
            if (t != null && t.isString()) {
                return t.stringValue();
            }
        }
        return "";
    }

    /** Allowed values from {@code enum} and {@code const}, in schema order. */
    public List<String> enumValues(List<Located> schemas) {
        Set<String> out = new LinkedHashSet<>();
        for (Located l : schemas) {
            JsonNode e = l.node().get("enum");
            if (e != null && e.isArray()) {
                e.values().forEach(v -> out.add(v.asString()));
            }
            JsonNode c = l.node().get("const");
            if (c != null && !c.isNull()) {
                out.add(c.asString());
            }
        }
        return new ArrayList<>(out);
    }

    /** Keys listed as required at the path. */
    public Set<String> required(List<Located> schemas) {
        Set<String> out = new LinkedHashSet<>();
        for (Located l : schemas) {
            if (l.conditional()) {
                continue;
            }
            JsonNode r = l.node().get("required");
            if (r != null && r.isArray()) {
                r.values().forEach(v -> out.add(v.asString()));
            }
        }
        return out;
    }
}
