package dev.astrid.ls.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.networknt.schema.Error;
import dev.astrid.ls.yaml.YamlParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The v3 pack schema against the real v3 packs of the corpus (all accepted by Astrid) and against
 * one-mutation packs Astrid refuses, each named with the keyword that must fail.
 */
class PackV3SchemaTest {
    private static final String FILE = "pack.v3.schema.json";
    private static final Path CORPUS = Path.of(System.getProperty("astrid.corpus", "src/test/resources/corpus"));
    private static final Pattern V3 = Pattern.compile("(?m)^schema_version:\\s*3\\s*$");

    /** A small valid v3 pack; each mutation below replaces one line of it. */
    private static final String PACK = """
            schema_version: 3
            id: demo
            name: Demo
            version: 1.0.0
            permissions:
              - id: network
                reason: Calls api.example.com to render cards
            documentation:
              kind: skill
              path: docs/SKILL.md
            actions:
              render:
                description: Renders one card
                invocation:
                  kind: python
                  path: actions/render.py
                  function: run
                inputs:
                  - name: title
                    type: string
                    required: true
                outputs:
                  - name: card
                    type: file
                    mode: create_or_replace
            ui:
              board:
                type: tool
                entry: ui/board/index.tsx
                target: reigh
                compatibility: {host: "1"}
            rendering:
              cards:
                type: renderer
                path: rendering/cards/renderer.yaml
            documents:
              board:
                format_version: 1
                schema: schemas/board.json
            """;

    private static List<Error> validate(String yaml) {
        try {
            return SchemaStore.INSTANCE.validate(FILE, JsonView.of(YamlParser.parse(yaml)));
        } catch (JsonView.TooLargeException e) {
            throw new AssertionError(e);
        }
    }

    private static String mutate(String from, String to) {
        assertTrue(PACK.contains(from), "the base pack has " + from);
        return PACK.replace(from, to);
    }

    @Test
    void everyV3PackOfTheCorpusIsValid() throws IOException {
        List<Path> packs;
        try (Stream<Path> files = Files.walk(CORPUS)) {
            packs = files.filter(p -> p.getFileName().toString().equals("pack.yaml")).sorted().toList();
        }
        int v3 = 0;
        for (Path p : packs) {
            String text = Files.readString(p);
            if (V3.matcher(text).find()) {
                v3++;
                assertEquals(List.of(), validate(text).stream().map(Error::toString).toList(), p.toString());
            }
        }
        assertTrue(v3 >= 5, "the corpus has " + v3 + " v3 packs (runpod, fal, discord_local, foley, moirae)");
    }

    @Test
    void theBasePackIsValid() {
        assertEquals(List.of(), validate(PACK));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            a pre-release version                  | 'version: 1.0.0'                 | 'version: 1.0.0-beta'                | pattern
            a v2 key                               | 'name: Demo'                     | 'name: Demo\\ncontent: {}'           | additionalProperties
            a blank name                           | 'name: Demo'                     | 'name: \" \"'                        | pattern
            the v2 skill path                      | 'path: docs/SKILL.md'            | 'path: skill/SKILL.md'               | oneOf
            an action key with a capital           | '  render:'                      | '  Render:'                          | propertyNames
            an action without outputs              | '    outputs:\\n      - name: card\\n        type: file\\n        mode: create_or_replace' | '' | required
            python code outside actions/           | 'path: actions/render.py'        | 'path: src/render.py'                | pattern
            a path that climbs out                 | 'path: actions/render.py'        | 'path: actions/../render.py'         | pattern
            an unknown invocation kind             | 'kind: python'                   | 'kind: shell'                        | enum
            a command key in a python invocation   | 'function: run'                  | 'function: run\\n      command: {argv: [x]}' | additionalProperties
            a python invocation without function   | '      function: run\\n'         | ''                                   | required
            an unknown port type                   | 'type: string'                   | 'type: video'                        | enum
            an unknown output mode                 | 'mode: create_or_replace'        | 'mode: overwrite'                    | enum
            an unknown port key                    | 'required: true'                 | 'optional: true'                     | additionalProperties
            a tool for another host                | 'target: reigh'                  | 'target: other'                      | const
            a tool for another host version        | '{host: \"1\"}'                  | '{host: \"2\"}'                      | const
            a rendering path outside rendering/    | 'path: rendering/cards/renderer.yaml' | 'path: cards/renderer.yaml'     | pattern
            an unknown rendering type              | 'type: renderer'                 | 'type: compositor'                   | enum
            a document format version 0            | 'format_version: 1'              | 'format_version: 0'                  | minimum
            the manifest itself as a schema        | 'schema: schemas/board.json'     | 'schema: pack.yaml'                  | not
            a reason over two lines                | 'reason: Calls api.example.com to render cards' | 'reason: |\\n      Calls api.example.com\\n      to render cards' | pattern
            a reason of no-break spaces            | 'reason: Calls api.example.com to render cards' | 'reason: \"\\u00a0\\u00a0\"'  | pattern
            a permission without reason            | '    reason: Calls api.example.com to render cards\\n' | ''            | required
            a pack resource of a blank kind        | 'name: Demo'                     | 'name: Demo\\nresources: [{path: docs/a.md, kind: \" \"}]' | pattern
            """)
    void aMutationAstridRefusesFails(String what, String from, String to, String keyword) {
        List<Error> errors = validate(mutate(unescape(from), unescape(to)));
        assertFalse(errors.isEmpty(), what + " must fail");
        assertTrue(errors.stream().anyMatch(e -> e.getKeyword().equals(keyword)), what + ": " + errors);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            a permission id outside the six       | 'id: network'                    | 'id: gpu_cluster'
            a folded reason                        | 'reason: Calls api.example.com to render cards' | 'reason: >\\n      Calls api.example.com\\n      to render cards'
            a one-line literal reason             | 'reason: Calls api.example.com to render cards' | 'reason: |\\n      Calls api.example.com to render cards'
            a schema file for the inputs           | '    inputs:\\n      - name: title\\n        type: string\\n        required: true' | '    inputs: actions/render.inputs.json'
            an inline schema for the outputs       | '    outputs:\\n      - name: card\\n        type: file\\n        mode: create_or_replace' | '    outputs: {type: string}'
            a command invocation                   | '      kind: python\\n      path: actions/render.py\\n      function: run' | '      kind: command\\n      command:\\n        argv: [\"{python_exec}\", -m, demo.render]'
            an editor with a string compatibility | '    type: tool\\n    entry: ui/board/index.tsx\\n    target: reigh\\n    compatibility: {host: \"1\"}' | '    type: editor\\n    entry: ui/board/index.tsx\\n    compatibility: \">=1\"'
            an element under kind/id               | '  cards:\\n    type: renderer\\n    path: rendering/cards/renderer.yaml' | '  effects/glow:\\n    type: element\\n    path: rendering/glow/element.yaml'
            a format version label                 | 'format_version: 1'              | 'format_version: v1'
            an extra dependency ecosystem          | 'name: Demo'                     | 'name: Demo\\ndependencies: {cargo: [ripgrep]}'
            free-form secrets                      | 'name: Demo'                     | 'name: Demo\\nsecrets: [{name: fal_key, scope: pack}]'
            an action resource of an empty kind   | '    description: Renders one card' | '    description: Renders one card\\n    resources: [{path: actions/lut.cube, kind: \"\"}]'
            """)
    void aVariantAstridAcceptsPasses(String what, String from, String to) {
        assertEquals(List.of(), validate(mutate(unescape(from), unescape(to))), what);
    }

    @Test
    void aPackThatContributesNothingFails() {
        String bare = "schema_version: 3\nid: demo\nname: Demo\nversion: 1.0.0\npermissions: []\n";
        List<Error> errors = validate(bare);
        // the validator reports the failed anyOf as one missing key per branch
        assertEquals(6, errors.size(), errors.toString());
        assertTrue(errors.stream().allMatch(e -> e.getEvaluationPath().toString().startsWith("/anyOf/")), errors.toString());
    }

    private static String unescape(String s) {
        return s.replace("\\n", "\n").replace("\\u00a0", "\u00a0");
    }
}
