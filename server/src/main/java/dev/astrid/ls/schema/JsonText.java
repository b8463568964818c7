package dev.astrid.ls.schema;

import com.networknt.schema.InputFormat;
import com.networknt.schema.serialization.NodeReader;
import java.io.InputStream;
import java.io.StringWriter;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.json.JsonReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;

/**
 * JSON text as a Jackson tree, read with Jackson's streaming parser and built with
 * {@link JsonNodeFactory}: the same tree as {@code ObjectMapper.readTree} (the last of repeated keys
 * wins, trailing text is an error, empty text is a missing node), without the mapper, whose
 * classes cost about 110 ms of a cold start (the first check of the editor's first file).
 * Reads NaN and Infinity, as Python's {@code json.loads} does; strict otherwise.
 */
public final class JsonText {
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();
    private static final JsonNodeFactory NODES = new CompactNodes();

    /** The validator's reader of schema files, so that it does not build a mapper either. */
    static final NodeReader SCHEMAS = new NodeReader() {
        @Override
        public JsonNode readTree(String content, InputFormat format) {
            json(format);
            return read(FACTORY.createParser(ObjectReadContext.empty(), content));
        }

        @Override
        public JsonNode readTree(InputStream content, InputFormat format) {
            json(format);
            return read(FACTORY.createParser(ObjectReadContext.empty(), content));
        }

        private static void json(InputFormat format) {
            if (format != InputFormat.JSON) {
                throw new IllegalArgumentException("only JSON schemas are read, not " + format);
            }
        }
    };

    private JsonText() {}

    /**
     * Nodes whose strings render themselves as JSON text with the streaming generator. The
     * validator renders each string of a schema's {@code enum} with {@code toString} when it
     * compiles the schema, and Jackson 3 implements {@code toString} with a whole mapper: 140 ms
     * of a cold start. (Our schemas and the meta-schemas enumerate strings only.)
     */
    private static final class CompactNodes extends JsonNodeFactory {
        @Override
        public StringNode stringNode(String text) {
            return new StringNode(text) {
                @Override
                public String toString() {
                    StringWriter out = new StringWriter();
                    try (JsonGenerator g = FACTORY.createGenerator(ObjectWriteContext.empty(), out)) {
                        g.writeString(text);
                    }
                    return out.toString();
                }
            };
        }
    }

    /** The tree of {@code text}; throws Jackson's exception, with its location, on invalid JSON. */
    public static JsonNode parse(String text) {
        return read(FACTORY.createParser(ObjectReadContext.empty(), text));
    }

    private static JsonNode read(JsonParser parser) {
        try (JsonParser p = parser) {
            JsonToken first = p.nextToken();
            if (first == null) {
                return NODES.missingNode();
            }
            JsonNode root = value(p, first);
            JsonToken extra = p.nextToken();
            if (extra != null) {
                throw new StreamReadException(p, "Trailing token (of type " + extra + ") found after value",
                        p.currentTokenLocation());
            }
            return root;
        }
    }

    /** Nesting is bounded by the parser's own read constraints, so the recursion is too. */
    private static JsonNode value(JsonParser p, JsonToken token) {
        switch (token) {
            case START_OBJECT: {
                ObjectNode object = NODES.objectNode();
                for (String name = p.nextName(); name != null; name = p.nextName()) {
                    object.set(name, value(p, p.nextToken()));
                }
                return object;
            }
            case START_ARRAY: {
                ArrayNode array = NODES.arrayNode();
                for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
                    array.add(value(p, t));
                }
                return array;
            }
            case VALUE_STRING:
                return NODES.stringNode(p.getString());
            case VALUE_NUMBER_INT:
                return switch (p.getNumberType()) {
                    case INT -> NODES.numberNode(p.getIntValue());
                    case LONG -> NODES.numberNode(p.getLongValue());
                    default -> NODES.numberNode(p.getBigIntegerValue());
                };
            case VALUE_NUMBER_FLOAT:
                return NODES.numberNode(p.getDoubleValue());
            case VALUE_TRUE:
                return NODES.booleanNode(true);
            case VALUE_FALSE:
                return NODES.booleanNode(false);
            case VALUE_NULL:
                return NODES.nullNode();
            default:
                throw new StreamReadException(p, "Unexpected token " + token, p.currentTokenLocation());
        }
    }
}
