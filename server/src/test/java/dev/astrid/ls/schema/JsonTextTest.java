package dev.astrid.ls.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.networknt.schema.InputFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.core.JacksonException;
import tools.jackson.core.json.JsonReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** JsonText builds the tree Jackson's mapper would, without the mapper. */
class JsonTextTest {
    private static final JsonMapper MAPPER = JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();

    static Stream<Path> schemas() throws IOException {
        return Files.list(Path.of("../schemas")).filter(p -> p.toString().endsWith(".json")).sorted();
    }

    @ParameterizedTest
    @MethodSource("schemas")
    void bundledSchemasReadAsTheMapperReadsThem(Path schema) throws IOException {
        String text = Files.readString(schema);
        assertEquals(MAPPER.readTree(text), JsonText.parse(text));
        assertEquals(MAPPER.readTree(text), JsonText.SCHEMAS.readTree(text, InputFormat.JSON));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  ", "null", "[1, 2147483648, 9223372036854775808, -0, 1.5, 1e400, NaN, -Infinity]",
            "{\"a\": 1, \"b\": [true, false, null], \"a\": \"last\"}", "\"\\u00e9\\n\\ud83d\\ude00\"", "{\"\": {}}"})
    void valuesAreTheMapperValues(String text) {
        JsonNode mine = JsonText.parse(text);
        JsonNode theirs = MAPPER.readTree(text);
        assertEquals(theirs, mine);
        sameTypes(theirs, mine);
    }

    /** Equal, and with the same number types and key order, all the way down. */
    private static void sameTypes(JsonNode theirs, JsonNode mine) {
        assertEquals(theirs.getNodeType(), mine.getNodeType());
        assertEquals(theirs.isNumber() ? theirs.numberType() : null, mine.isNumber() ? mine.numberType() : null, theirs::toString);
        assertEquals(List.copyOf(theirs.propertyNames()), List.copyOf(mine.propertyNames()), "key order");
        for (int i = 0; i < theirs.size(); i++) {
            sameTypes(theirs.isObject() ? theirs.get(List.copyOf(theirs.propertyNames()).get(i)) : theirs.get(i),
                    mine.isObject() ? mine.get(List.copyOf(mine.propertyNames()).get(i)) : mine.get(i));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"a\": 1,}", "[1] [2]", "{'a': 1}", "{a: 1}", "[1, // c\n 2]", "{\"a\": \"x\ty\"}", "[1,"})
    void invalidJsonFailsWhereTheMapperFails(String text) {
        JacksonException mine = assertThrows(JacksonException.class, () -> JsonText.parse(text));
        JacksonException theirs = assertThrows(JacksonException.class, () -> MAPPER.readTree(text));
        assertEquals(theirs.getLocation().getCharOffset(), mine.getLocation().getCharOffset(), mine.getOriginalMessage());
    }

    /** The validator renders enum strings with toString, so it must be Jackson's JSON text. */
    @Test
    void stringsRenderAsJackson() {
        String text = "[\"plain\", \"q\\\"uote\", \"tab\\t\", \"\\u0001\", \"é\"]";
        JsonNode mine = JsonText.parse(text);
        JsonNode theirs = MAPPER.readTree(text);
        for (int i = 0; i < theirs.size(); i++) {
            assertEquals(theirs.get(i).toString(), mine.get(i).toString());
        }
    }
}
