package dev.astrid.ls.schema;

import dev.astrid.ls.yaml.YamlAlias;
import dev.astrid.ls.yaml.YamlDocument;
import dev.astrid.ls.yaml.YamlMapping;
import dev.astrid.ls.yaml.YamlNode;
import dev.astrid.ls.yaml.YamlScalar;
import dev.astrid.ls.yaml.YamlSequence;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.IdentityHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The JSON value PyYAML would load from a YAML tree (YAML 1.1 typing, merge keys, the last of
 * repeated keys, dates as a value of no JSON type, aliases shared
 * rather than copied), for the schema validator. Refuses trees that are too deep or whose aliases
 * would expand too far, so hostile input cannot make validation explode.
 */
public final class JsonView {
    public static final int MAX_DEPTH = 256;
    public static final long MAX_EXPANDED_NODES = 200_000;

    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    /** PyYAML's implicit timestamp (YAML 1.1): a date, or a date and time. */
    private static final Pattern TIMESTAMP = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}"
            + "|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[Tt]|[ \t]+)[0-9]{1,2}:[0-9]{2}:[0-9]{2}(?:\\.[0-9]*)?"
            + "(?:[ \t]*(?:Z|[-+][0-9]{1,2}(?::[0-9]{2})?))?");

    /** Thrown when the tree is beyond the limits above. */
    public static final class TooLargeException extends Exception {
        public TooLargeException(String message) {
            super(message);
        }
    }

    private final Map<YamlNode, JsonNode> converted = new IdentityHashMap<>();
    private final Map<YamlNode, Long> sizes = new IdentityHashMap<>();

    private JsonView() {}

    public static JsonNode of(YamlDocument document) throws TooLargeException {
        YamlNode root = document.root();
        if (root == null) {
            return F.nullNode();
        }
        JsonView view = new JsonView();
        if (!document.hasAliases()) {
            return view.plain(root, 0); // a tree: no sharing to track, no expansion to bound
        }
        if (view.expandedSize(root, 0) > MAX_EXPANDED_NODES) {
            throw new TooLargeException("aliases in this file expand to more than " + MAX_EXPANDED_NODES
                    + " values");
        }
        return view.convert(root);
    }

    /** The conversion of a tree without aliases: same result as {@link #convert}, minus the bookkeeping. */
    private JsonNode plain(YamlNode node, int depth) throws TooLargeException {
        if (depth > MAX_DEPTH) {
            throw new TooLargeException("nesting is deeper than " + MAX_DEPTH + " levels");
        }
        if (node instanceof YamlScalar s) {
            return scalar(s);
        }
        if (node instanceof YamlSequence s) {
            ArrayNode array = F.arrayNode();
            for (YamlNode item : s.items()) {
                array.add(plain(item, depth + 1));
            }
            return array;
        }
        if (node instanceof YamlMapping m) {
            ObjectNode object = F.objectNode();
            for (YamlMapping.Entry e : m.entries()) {
                if (!e.isMerge()) {
                    object.set(keyString(e.key()), plain(e.value(), depth + 1)); // the last repeated key wins
                }
            }
            YamlMapping.Entry merge = m.entry("<<");
            if (merge != null && merge.isMerge()) {
                mergeInto(object, plain(merge.value(), depth + 1));
            }
            return object;
        }
        return F.nullNode();
    }

    /** Size after alias expansion, memoised per node so shared anchors are counted in linear time. */
    private long expandedSize(YamlNode node, int depth) throws TooLargeException {
        if (depth > MAX_DEPTH) {
            throw new TooLargeException("nesting is deeper than " + MAX_DEPTH + " levels");
        }
        Long known = sizes.get(node);
        if (known != null) {
            return known;
        }
        sizes.put(node, MAX_EXPANDED_NODES + 1); // a cycle through an alias counts as too large
        long size = 1;
        if (node instanceof YamlAlias a && a.target() != null) {
            size = expandedSize(a.target(), depth + 1);
        } else if (node instanceof YamlMapping m) {
            for (YamlMapping.Entry e : m.entries()) {
                size = Math.min(MAX_EXPANDED_NODES + 1, size + expandedSize(e.value(), depth + 1) + 1);
            }
        } else if (node instanceof YamlSequence s) {
            for (YamlNode item : s.items()) {
                size = Math.min(MAX_EXPANDED_NODES + 1, size + expandedSize(item, depth + 1));
            }
        }
        sizes.put(node, size);
        return size;
    }

    private JsonNode convert(YamlNode node) {
        JsonNode done = converted.get(node);
        if (done != null) {
            return done;
        }
        JsonNode result;
        if (node instanceof YamlAlias a) {
            result = a.target() == null ? F.nullNode() : convert(a.target());
        } else if (node instanceof YamlScalar s) {
            result = scalar(s);
        } else if (node instanceof YamlSequence s) {
            ArrayNode array = F.arrayNode();
            for (YamlNode item : s.items()) {
                array.add(convert(item));
            }
            result = array;
        } else {
            ObjectNode object = F.objectNode();
            YamlMapping m = (YamlMapping) node;
            for (YamlMapping.Entry e : m.entries()) {
                if (!e.isMerge()) { // merged below, after explicit keys, which win
                    object.set(keyString(e.key()), convert(e.value())); // the last repeated key wins
                }
            }
            YamlMapping.Entry merge = m.entry("<<");
            if (merge != null && merge.isMerge()) {
                mergeInto(object, convert(merge.value()));
            }
            result = object;
        }
        converted.put(node, result);
        return result;
    }

    private static void mergeInto(ObjectNode target, JsonNode source) {
        if (source instanceof ObjectNode o) {
            o.properties().forEach(e -> {
                if (!target.has(e.getKey())) {
                    target.set(e.getKey(), e.getValue());
                }
            });
        } else if (source instanceof ArrayNode a) {
            a.values().forEach(v -> mergeInto(target, v));
        }
    }

    private static String keyString(YamlNode key) {
        return key instanceof YamlScalar s ? s.value() : "<complex key>";
    }

    static JsonNode scalar(YamlScalar s) {
        String v = s.value().replace("_", "");
        try {
            return switch (s.kind()) {
                case NULL -> F.nullNode();
                case BOOL -> F.booleanNode(switch (s.value().toLowerCase(Locale.ROOT)) {
                    case "yes", "true", "on" -> true;
                    default -> false;
                });
                case INT -> F.numberNode(parseInt(v));
                case FLOAT -> {
                    String lower = v.toLowerCase(Locale.ROOT);
                    if (lower.endsWith(".inf") || lower.endsWith(".nan") || v.contains(":")) {
                        yield F.numberNode(Double.NaN);
                    }
                    yield F.numberNode(new BigDecimal(v.startsWith(".") || v.startsWith("-.") || v.startsWith("+.")
                            ? v.replaceFirst("\\.", "0.") : v.endsWith(".") ? v + "0" : v));
                }
                // PyYAML builds a date, which is none of the JSON types: every `type` check fails on it.
                case STRING -> isTimestamp(s) ? F.missingNode() : F.stringNode(s.value());
            };
        } catch (NumberFormatException e) {
            return F.stringNode(s.value());
        }
    }

    /** True for a scalar PyYAML loads as a date or datetime: an unquoted {@code 2024-01-01}, or one tagged so. */
    public static boolean isTimestamp(YamlScalar s) {
        return "tag:yaml.org,2002:timestamp".equals(s.tag()) || (s.tag() == null && s.style() == YamlScalar.Style.PLAIN
                && !s.value().isEmpty() && Character.isDigit(s.value().charAt(0)) && TIMESTAMP.matcher(s.value()).matches());
    }

    private static BigInteger parseInt(String v) {
        boolean negative = v.startsWith("-");
        String digits = v.startsWith("-") || v.startsWith("+") ? v.substring(1) : v;
        BigInteger value;
        if (digits.startsWith("0x")) {
            value = new BigInteger(digits.substring(2), 16);
        } else if (digits.startsWith("0b")) {
            value = new BigInteger(digits.substring(2), 2);
        } else if (digits.contains(":")) {
            value = BigInteger.ZERO;
            for (String part : digits.split(":")) {
                value = value.multiply(BigInteger.valueOf(60)).add(new BigInteger(part));
            }
        } else if (digits.length() > 1 && digits.startsWith("0")) {
            value = new BigInteger(digits.substring(1), 8);
        } else {
            value = new BigInteger(digits);
        }
        return negative ? value.negate() : value;
    }
}
