package dev.astrid.ls.yaml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A keystroke inside a scalar re-uses the old tree, and that tree is always the one a full parse builds. */
class ScalarEditTest {
    static final String PACK = """
            schema_version: 1
            id: demo   # the pack id
            name: "Demo pack"
            version: 1.0.0
            permissions:
              - id: network
                reason: Calls api.openai.com to caption images
                services: [api.openai.com, 'files.openai.com']
              - id: subprocess
                reason: 'Runs ffmpeg, it''s bundled'
                access: -read
            secrets:
              - name: OPENAI_API_KEY
                description: >
                  Folded text
                  over lines
            tags: !!str tagged
            anchor: &a anchored
            nested:
              deeper:
                - ä plain ünïcode 😀 text
                - "double ünïcode"
                - ? explicit
                  : value
            empty:
            last: word
            """;

    /** Type {@code typed} at the caret {@code |} of a one-line manifest value and see whether the old tree is taken. */
    @ParameterizedTest(name = "{0} + {1}")
    @CsvSource(delimiter = ';', quoteCharacter = '`', value = {
        "reason: Calls api|;s;taken",
        "reason: Calls api|;` `;taken",
        "reason: Cal|ls api;x;taken",
        "reason: 'it''s |here';x;taken",
        "reason: \"quoted |text\";é;taken",
        "reason: Calls api|;:;full",
        "reason: Calls api|;` #`;full",
        "reason: Calls|;': ';full",
        "reason: |Calls api;x;full",
        "reason: -|x;` `;full",
        "reason: 'it|s';';full",
        "reason: \"quoted |text\";\\;full",
        "reason: Calls api|;`\t`;full",
        "reason: Calls api|;`\n  more`;full",
        "reason: [a, b|];c;full",
    })
    void aKeystrokeInAScalarIsTakenOnlyWhenTheScannerCouldReadNothingElse(String line, String typed, String expected) {
        String before = "id: demo\n" + line.replace("|", "") + "\nname: x\n";
        String after = "id: demo\n" + line.replace("|", typed) + "\nname: x\n";
        YamlDocument edited = ScalarEdit.apply(YamlParser.parse(before), before, after);
        if (expected.equals("taken")) {
            assertNotNull(edited, "old tree taken");
            assertEquals(tree(YamlParser.parse(after)), tree(edited));
        } else {
            assertNull(edited, "left to the full parse");
        }
    }

    @Test
    void aQuoteTypedOverTheLastCharacterOfAQuotedScalarLeavesItUnclosed() {
        String before = "reason: 'abX'\nname: x\n";
        assertNull(ScalarEdit.apply(YamlParser.parse(before), before, "reason: 'ab''\nname: x\n"));
    }

    @Test
    void randomEditsGiveTheTreeAFullParseGives() {
        int[] counts = edit(List.of(PACK, PACK.replace("\n", "\r\n"), PACK.replace("last: word", "last: [x, y]")),
                3_000, new Random(7));
        assertTrue(counts[0] > counts[1] / 5, "the fast path was taken " + counts[0] + " times in " + counts[1] + " edits");
    }

    /** The manifests of the repository's examples and test packs, every style they use. */
    @Test
    void randomEditsOfEveryManifestInTheRepositoryGiveTheTreeAFullParseGives() throws IOException {
        List<String> texts = new ArrayList<>();
        for (Path dir : List.of(Path.of("../docs/examples"), Path.of("src/test/resources"))) {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path f : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                    texts.add(Files.readString(f));
                }
            }
        }
        assertTrue(texts.size() > 50, texts.size() + " manifests");
        int[] counts = edit(texts, 200, new Random(11));
        assertTrue(counts[0] > counts[1] / 10, "the fast path was taken " + counts[0] + " times in " + counts[1] + " edits");
    }

    /** Chains of random edits of each text; every tree the fast path builds is compared with a full parse. */
    static int[] edit(List<String> bases, int perBase, Random random) {
        String alphabet = "ab z9:# '\"-?[]{},&*!|>%@`\\\t\né😀\r.";
        int taken = 0;
        int edits = 0;
        for (String base : bases) {
            String text = base;
            YamlDocument doc = YamlParser.parse(text);
            for (int i = 0; i < perBase; i++) {
                String next = mutate(text, doc, random, alphabet);
                YamlDocument full = YamlParser.parse(next);
                YamlDocument edited = ScalarEdit.apply(doc, text, next);
                edits++;
                if (edited != null) {
                    taken++;
                    String from = text;
                    assertEquals(tree(full), tree(edited), () -> "edit of\n" + from + "\ninto\n" + next);
                }
                if (!full.errors().isEmpty()) {
                    continue; // stay on texts that parse, where the fast path applies
                }
                text = next;
                doc = edited != null ? edited : full;
            }
        }
        return new int[] {taken, edits};
    }

    /** Mostly edits inside a scalar, where the fast path may apply; sometimes anywhere. */
    static String mutate(String text, YamlDocument doc, Random random, String alphabet) {
        List<YamlScalar> scalars = new ArrayList<>();
        collect(doc.root(), scalars);
        int at;
        if (!scalars.isEmpty() && random.nextInt(10) < 8) {
            YamlScalar s = scalars.get(random.nextInt(scalars.size()));
            at = s.start() + random.nextInt(s.end() - s.start() + 1);
        } else {
            at = random.nextInt(text.length() + 1);
        }
        String typed = random.nextInt(3) == 0 ? String.valueOf(alphabet.charAt(random.nextInt(alphabet.length())))
                : String.valueOf((char) ('a' + random.nextInt(26)));
        if (typed.equals("\uD83D") || typed.equals("\uDE00")) {
            typed = "😀";
        }
        return switch (random.nextInt(3)) {
            case 0 -> text.substring(0, at) + typed + text.substring(at);
            case 1 -> at < text.length() ? text.substring(0, at) + text.substring(at + 1) : text + typed;
            default -> at < text.length() ? text.substring(0, at) + typed + text.substring(at + 1) : text + typed;
        };
    }

    static void collect(YamlNode n, List<YamlScalar> out) {
        if (n instanceof YamlScalar s) {
            out.add(s);
        } else if (n instanceof YamlMapping m) {
            m.entries().forEach(e -> {
                collect(e.key(), out);
                collect(e.value(), out);
            });
        } else if (n instanceof YamlSequence q) {
            q.items().forEach(i -> collect(i, out));
        }
    }

    /** Everything a rule can see of a tree, parents and places included. */
    static String tree(YamlDocument doc) {
        StringBuilder out = new StringBuilder(doc.errors() + " " + doc.extraDocuments() + " " + doc.skipped()
                + " " + doc.hasAliases() + "\n");
        describe(doc.root(), null, 0, out);
        return out.toString();
    }

    static void describe(YamlNode n, YamlNode parent, int depth, StringBuilder out) {
        if (n == null) {
            return;
        }
        out.append("  ".repeat(depth)).append(n.getClass().getSimpleName()).append(' ').append(n.start()).append('-')
                .append(n.end()).append(" tag=").append(n.tag()).append(n.parent() == parent ? "" : " WRONG PARENT");
        if (n instanceof YamlScalar s) {
            out.append(' ').append(s.style()).append(" [").append(s.value()).append("] ").append(s.kind());
        } else if (n instanceof YamlMapping m) {
            out.append(m.isFlow() ? " flow" : "");
        } else if (n instanceof YamlSequence q) {
            out.append(q.isFlow() ? " flow" : "");
        } else if (n instanceof YamlAlias a) {
            out.append(" *").append(a.anchor());
        }
        out.append('\n');
        if (n instanceof YamlMapping m) {
            for (YamlMapping.Entry e : m.entries()) {
                out.append(m.entryOf(e.key()) == e && m.entryOf(e.value()) == e ? "" : "WRONG INDEX\n");
                describe(e.key(), n, depth + 1, out);
                describe(e.value(), n, depth + 1, out);
            }
        } else if (n instanceof YamlSequence q) {
            for (YamlNode item : q.items()) {
                out.append(q.indexOf(item) >= 0 ? "" : "WRONG INDEX\n");
                describe(item, n, depth + 1, out);
            }
        }
    }
}
