package dev.astrid.ls.yaml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.astrid.ls.text.Range;
import dev.astrid.ls.text.TextDocument;
import java.util.List;
import org.junit.jupiter.api.Test;

class YamlParserTest {

    private static String span(String text, YamlNode node) {
        return text.substring(node.start(), node.end());
    }

    @Test
    void keysAndValuesHaveExactSpans() {
        String text = "id: demo\npermissions:\n  - id: network\n    reason: \"Calls api.example.com\"\n";
        YamlDocument doc = YamlParser.parse(text);
        YamlMapping root = doc.rootMapping();
        assertEquals("demo", span(text, root.get("id")));
        YamlMapping item = (YamlMapping) ((YamlSequence) root.get("permissions")).items().get(0);
        assertEquals("network", span(text, item.get("id")));
        assertEquals("\"Calls api.example.com\"", span(text, item.get("reason")));
        assertEquals("reason", span(text, item.entry("reason").key()));
        assertEquals(List.of("permissions", 0, "reason"), item.get("reason").path());
        assertTrue(doc.errors().isEmpty());
    }

    @Test
    void rangesCountUtf16UnitsAfterEmojiAndCjk() {
        String text = "name: \"📦 包 pack\"\nid: x\n";
        YamlDocument doc = YamlParser.parse(text);
        TextDocument t = new TextDocument("file:///p/pack.yaml", 1, text);
        YamlNode id = doc.rootMapping().get("id");
        assertEquals(Range.of(1, 4, 1, 5), t.rangeOf(id.start(), id.end()));
        YamlNode name = doc.rootMapping().get("name");
        // the emoji is two UTF-16 units, so the closing quote sits at column 16
        assertEquals(Range.of(0, 6, 0, 17), t.rangeOf(name.start(), name.end()));
        assertEquals("\"📦 包 pack\"", span(text, name));
    }

    @Test
    void emojiBeforeAnErrorStillGivesTheRightColumn() {
        String text = "reason: 😀 ok\nbad: [\n";
        YamlDocument doc = YamlParser.parse(text);
        assertEquals(1, doc.errors().size());
        assertEquals("😀 ok", span(text, doc.rootMapping().get("reason")));
    }

    @Test
    void aSyntaxErrorKeepsTheTreeBeforeAndAfterIt() {
        String text = "id: demo\nname: \"unterminated\nversion: 1.0.0\npermissions:\n  - id: network\n";
        YamlDocument doc = YamlParser.parse(text);
        assertEquals(1, doc.errors().size());
        YamlMapping root = doc.rootMapping();
        assertNotNull(root);
        assertEquals("demo", span(text, root.get("id")));
        assertInstanceOf(YamlSequence.class, root.get("permissions"), "the part after the error still parses");
    }

    @Test
    void aHalfTypedKeyLineIsReportedOnThatLine() {
        String text = "permissions:\n  - id: network\n    reas\n  - id: subprocess\n    reason: Runs ffmpeg\n";
        YamlDocument doc = YamlParser.parse(text);
        assertEquals(1, doc.errors().size());
        TextDocument t = new TextDocument("file:///p/pack.yaml", 1, text);
        YamlDocument.SyntaxError e = doc.errors().get(0);
        assertEquals(Range.of(2, 4, 2, 8), t.rangeOf(e.start(), e.end()));
        YamlSequence perms = (YamlSequence) doc.rootMapping().get("permissions");
        assertEquals(2, perms.items().size());
    }

    @Test
    void jsonTextParsesWithSpans() {
        String text = "{\"id\": \"demo\", \"permissions\": [{\"id\": \"network\", \"reason\": \"x\"}]}";
        YamlDocument doc = YamlParser.parse(text);
        YamlMapping item = (YamlMapping) ((YamlSequence) doc.rootMapping().get("permissions")).items().get(0);
        assertEquals("\"network\"", span(text, item.get("id")));
        assertTrue(((YamlMapping) doc.root()).isFlow());
    }

    @Test
    void duplicateKeysAreKeptInOrder() {
        YamlDocument doc = YamlParser.parse("a: 1\na: 2\n");
        assertEquals(2, doc.rootMapping().entries().size());
    }

    @Test
    void aliasesAreNotExpandedAndTagsAreOnlyRecorded() {
        String text = "base: &b {x: 1}\nuse: *b\nodd: !!python/object:os.system ls\n";
        YamlDocument doc = YamlParser.parse(text);
        YamlAlias alias = (YamlAlias) doc.rootMapping().entry("use").value();
        assertInstanceOf(YamlMapping.class, doc.rootMapping().get("use"), "get() follows the alias, as PyYAML would");
        assertEquals("b", alias.anchor());
        assertInstanceOf(YamlMapping.class, alias.target());
        YamlScalar odd = (YamlScalar) doc.rootMapping().get("odd");
        assertEquals("tag:yaml.org,2002:python/object:os.system", odd.tag());
        assertEquals("ls", odd.value());
    }

    @Test
    void extraDocumentsAreRecorded() {
        YamlDocument doc = YamlParser.parse("a: 1\n---\nb: 2\n");
        assertEquals(List.of(5), doc.extraDocuments());
        assertNull(doc.rootMapping().get("b"));
    }

    @Test
    void crlfAndBomKeepOffsets() {
        String text = "\uFEFFid: demo\r\nname: Demo\r\n";
        YamlDocument doc = YamlParser.parse(text);
        assertEquals("Demo", span(text, doc.rootMapping().get("name")));
        assertEquals("demo", span(text, doc.rootMapping().get("id")));
    }

    @Test
    void yaml11TypingMatchesPyYaml() {
        YamlMapping m = YamlParser.parse("a: 1.0\nb: yes\nc: ~\nd: \"1.0\"\ne: 0o7\nf: 1_000\n").rootMapping();
        assertEquals(YamlScalar.Kind.FLOAT, ((YamlScalar) m.get("a")).kind());
        assertEquals(YamlScalar.Kind.BOOL, ((YamlScalar) m.get("b")).kind());
        assertEquals(YamlScalar.Kind.NULL, ((YamlScalar) m.get("c")).kind());
        assertEquals(YamlScalar.Kind.STRING, ((YamlScalar) m.get("d")).kind());
        assertEquals(YamlScalar.Kind.STRING, ((YamlScalar) m.get("e")).kind());
        assertEquals(YamlScalar.Kind.INT, ((YamlScalar) m.get("f")).kind());
    }

    @Test
    void emptyValueIsAnEmptyNullScalar() {
        String text = "permissions:\n  - id:\n    reason: x\n";
        YamlMapping item = (YamlMapping) ((YamlSequence) YamlParser.parse(text).rootMapping().get("permissions"))
                .items().get(0);
        YamlScalar id = (YamlScalar) item.get("id");
        assertTrue(id.isNull());
        assertEquals(id.start(), id.end());
    }
}
