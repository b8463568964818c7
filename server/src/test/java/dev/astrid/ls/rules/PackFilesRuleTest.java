package dev.astrid.ls.rules;

import static dev.astrid.ls.ManifestAssert.assertExactly;
import static dev.astrid.ls.ManifestAssert.assertCode;
import static dev.astrid.ls.ManifestAssert.d;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.astrid.ls.core.Code;
import dev.astrid.ls.core.Diagnostic;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What Astrid checks on disk, on packs written to a temporary folder: the diagnostic sits on the
 * path value, and open unsaved buffers count as files. Each test names the Astrid message.
 */
class PackFilesRuleTest {
    static final String V1 = "schema_version: 1\nid: demo\nname: Demo\nversion: 1.0.0\n";
    static final String V2 = "schema_version: 2\nid: demo\nname: Demo\nversion: 1.0.0\ncapabilities: [render]\n";
    static final String V3 = "schema_version: 3\nid: demo\nname: Demo\nversion: 1.0.0\n";
    static final String EXECUTOR = "schema_version: 1\nid: demo.render\nname: Render\nversion: \"1\"\nkind: external\n";

    @TempDir
    Path tmp;

    /** The pack manifest's diagnostics with this code. */
    static List<Diagnostic> pack(TempPack p, Code code) {
        return p.diagnose("demo/pack.yaml").stream().filter(d -> d.code() == code).toList();
    }

    static List<Diagnostic> disk(List<Diagnostic> ds) {
        return ds.stream().filter(d -> PackFilesRule.DISK.contains(d.code())).toList();
    }

    @Test
    void v1ContentFoldersMustExistAndOptionalOnesOnlyWarn() {
        // Astrid: tools/: declared content root 'executors' does not exist; examples/: declared content root does not exist
        TempPack p = new TempPack(tmp).file("demo/pack.yaml", V1 + "content:\n  executors: tools\n  examples: examples\n"
                + "docs:\n  readme: README.md\n");
        assertExactly(disk(p.diagnose("demo/pack.yaml")),
                d(5, 13, 5, 18, PackFilesRule.MISSING, "declared content root 'executors' does not exist"),
                d(6, 12, 6, 20, PackFilesRule.MISSING_ACCEPTED, "only warns"),
                d(8, 10, 8, 19, PackFilesRule.MISSING_ACCEPTED, "declared docs file not found"));
        p.file("demo/tools", null).file("demo/examples", null).file("demo/README.md", "# Demo\n");
        assertEquals(List.of(), disk(p.diagnose("demo/pack.yaml")));
    }

    @Test
    void anExecutorsRuntimeFileModuleAndEntrypointMustExist() {
        String file = "demo/executors/render/executor.yaml";
        TempPack p = new TempPack(tmp).file("demo/pack.yaml", V1).file("demo/executors/render/STAGE.md", "# Render\n")
                .file(file, EXECUTOR + "metadata:\n  runtime_file: run.py\n  runtime_module: astrid.packs.demo.executors.render.run\n"
                        + "command:\n  argv: [\"{python_exec}\", scripts/render.py]\n");
        // Astrid: run.py: metadata.runtime_file file not found; … runtime_module file not found for module …;
        // scripts/render.py: command.argv entrypoint file not found
        assertExactly(disk(p.diagnose(file)),
                d(6, 16, 6, 22, PackFilesRule.MISSING, "metadata.runtime_file file not found"),
                d(7, 18, 7, 56, PackFilesRule.MISSING, "file not found for module"),
                d(9, 26, 9, 43, PackFilesRule.MISSING, "command.argv entrypoint file not found"));
        p.file("demo/executors/render/run.py", "def run(): pass\n").file("demo/executors/render/scripts/render.py", "");
        assertEquals(List.of(), disk(p.diagnose(file)));
    }

    @Test
    void anUnsavedBufferCountsAsAFile() {
        String file = "demo/executors/render/executor.yaml";
        TempPack p = new TempPack(tmp).file("demo/pack.yaml", V1).file("demo/executors/render/STAGE.md", "# Render\n")
                .file(file, EXECUTOR + "metadata: {runtime_file: run.py}\n");
        assertEquals(1, disk(p.diagnose(file)).size());
        p.open("demo/executors/render/run.py", "def run(): pass\n");
        assertEquals(List.of(), disk(p.diagnose(file)));
    }

    @Test
    void aModuleOutsideThePacksNamingIsOnlyAWarning() {
        // Astrid's validator looks for <component>/pip.py; at run time Python may find an installed pip
        String file = "demo/orchestrators/make/orchestrator.yaml";
        TempPack p = new TempPack(tmp).file("demo/pack.yaml", V1).file("demo/orchestrators/make/STAGE.md", "# Make\n")
                .file(file, "schema_version: 1\nid: demo.make\nname: Make\nversion: \"1\"\nkind: external\n"
                        + "runtime: {kind: command, command: {argv: [python, -m, pip, install]}}\n");
        assertExactly(disk(p.diagnose(file)),
                d(5, 54, 5, 57, PackFilesRule.MISSING_ACCEPTED, "file not found for module 'pip'"));
    }

    @Test
    void aMissingStageFileIsAWarningExceptInV3Packs() {
        // Astrid: executors/render/STAGE.md: STAGE.md not found
        String file = "demo/executors/render/executor.yaml";
        TempPack p = new TempPack(tmp).file("demo/pack.yaml", V1).file(file, EXECUTOR);
        assertExactly(disk(p.diagnose(file)), d(1, 4, 1, 15, PackFilesRule.STAGE_MISSING, "STAGE.md not found"));
        p.file("demo/pack.yaml", V3 + "documentation: {kind: agents, path: AGENTS.md}\n").file("demo/AGENTS.md", "# Demo\n");
        assertEquals(List.of(), disk(p.diagnose(file)));
    }

    @Test
    void aV3SkillNeedsFrontMatterWithANameAndADescription() {
        String pack = V3 + "documentation: {kind: skill, path: docs/SKILL.md}\n";
        TempPack p = new TempPack(tmp).file("demo/pack.yaml", pack).file("demo/docs/SKILL.md", "# Demo\n");
        // Astrid: docs/SKILL.md: missing YAML frontmatter opening delimiter '---'
        assertExactly(pack(p, SkillRule.FRONT_MATTER), d(4, 35, 4, 48, SkillRule.FRONT_MATTER, "does not open with YAML front matter"));
        p.file("demo/docs/SKILL.md", "---\nname: demo\n# Demo\n");
        assertExactly(pack(p, SkillRule.FRONT_MATTER), d(4, 35, 4, 48, SkillRule.FRONT_MATTER, "closing delimiter"));
        p.file("demo/docs/SKILL.md", "---\n- a\n---\n");
        assertExactly(pack(p, SkillRule.FRONT_MATTER), d(4, 35, 4, 48, SkillRule.FRONT_MATTER, "YAML frontmatter must be a mapping"));
        p.file("demo/docs/SKILL.md", "---\nname: [demo\n---\n");
        assertExactly(pack(p, SkillRule.FRONT_MATTER), d(4, 35, 4, 48, SkillRule.FRONT_MATTER, "invalid YAML frontmatter"));
        // Astrid: docs/SKILL.md: frontmatter name must be a non-empty string (a number is not a string; the last key wins)
        p.file("demo/docs/SKILL.md", "---\r\nname: 42\r\ndescription: Renders\r\ndescription: \"\u00a0\"\r\n  ---  \r\n");
        assertExactly(pack(p, SkillRule.FRONT_MATTER),
                d(4, 35, 4, 48, SkillRule.FRONT_MATTER, "frontmatter description must be a non-empty string"),
                d(4, 35, 4, 48, SkillRule.FRONT_MATTER, "frontmatter name must be a non-empty string"));
        p.open("demo/docs/SKILL.md", "---\nname: demo\ndescription: Renders the timeline with ffmpeg\n---\n# Demo\n");
        assertEquals(List.of(), pack(p, SkillRule.FRONT_MATTER), "an unsaved buffer counts");
        p.file("demo/pack.yaml", pack.replace("schema_version: 3", "schema_version: 2").replace("docs/SKILL.md", "skill/SKILL.md"))
                .file("demo/skill/SKILL.md", "# no front matter\n");
        assertEquals(List.of(), pack(p, SkillRule.FRONT_MATTER), "schema_version 2 has no such check");
    }

    @Test
    void aV3PackHasOneSkillAtDocsSkillMdAndDeclaresIt() {
        String declared = V3 + "documentation: {kind: skill, path: docs/SKILL.md}\n";
        String skill = "---\nname: demo\ndescription: Renders the timeline\n---\n";
        TempPack p = new TempPack(tmp).file("demo/pack.yaml", declared).file("demo/docs/SKILL.md", skill);
        assertEquals(List.of(), pack(p, SkillRule.UNDECLARED));
        // Astrid: executors/render/skill/SKILL.md: v3 packs allow one authored skill at docs/SKILL.md declared by pack.yaml; …
        p.file("demo/executors/render/skill/SKILL.md", skill).open("demo/skill/SKILL.md", skill);
        assertExactly(pack(p, SkillRule.UNDECLARED),
                d(4, 0, 4, 13, SkillRule.UNDECLARED, "executors/render/skill/SKILL.md is a second skill"),
                d(4, 0, 4, 13, SkillRule.UNDECLARED, "skill/SKILL.md is a second skill"));
        assertEquals("executors/render/skill/SKILL.md", pack(p, SkillRule.UNDECLARED).get(0).related().get(0).uri()
                .substring(p.uri("demo/").length()));
        p = new TempPack(tmp.resolve("other")).file("demo/pack.yaml", V3).file("demo/docs/SKILL.md", skill);
        assertExactly(pack(p, SkillRule.UNDECLARED), d(0, 0, 0, 14, SkillRule.UNDECLARED, "docs/SKILL.md is not declared"));
        p.file("demo/pack.yaml", V1).file("demo/executors/render/skill/SKILL.md", skill);
        assertEquals(List.of(), pack(p, SkillRule.UNDECLARED), "schema_version 1 allows component skills");
    }

    @Test
    void aV3RenderingDescriptorIsWhatThePackDeclaresItToBe() {
        String pack = V3 + "rendering:\n  glow: {type: renderer, path: rendering/glow/renderer.yaml}\n"
                + "  effects/blur: {type: element, path: rendering/blur/element.yaml}\n";
        TempPack p = new TempPack(tmp).file("demo/pack.yaml", pack)
                .file("demo/rendering/glow/renderer.yaml", "id: demo.glow\n")
                .file("demo/rendering/blur/element.yaml", "kind: effect\nid: blur\npack_id: demo\n");
        assertEquals(List.of(), pack(p, RenderingIdentityRule.IDENTITY));
        // Astrid: rendering.glow.path: descriptor identity 'demo.shine' must match 'demo.glow'
        p.file("demo/rendering/glow/renderer.yaml", "id: demo.shine\n")
                .open("demo/rendering/blur/element.yaml", "kind: effects\nid: blur\nmetadata: {pack_id: other}\n");
        List<Diagnostic> found = assertExactly(pack(p, RenderingIdentityRule.IDENTITY),
                d(5, 31, 5, 59, RenderingIdentityRule.IDENTITY, "descriptor identity 'demo.shine' must match 'demo.glow'"),
                d(6, 38, 6, 65, RenderingIdentityRule.IDENTITY, "descriptor pack_id must be 'demo'"));
        assertEquals(p.uri("demo/rendering/glow/renderer.yaml"), found.get(0).related().get(0).uri());
        // an element is <kind>/<id>, its kind named by its plural; an id is required
        p.open("demo/rendering/blur/element.yaml", "kind: animation\nid: blur\n")
                .file("demo/rendering/glow/renderer.yaml", "name: Glow\n");
        assertExactly(pack(p, RenderingIdentityRule.IDENTITY),
                d(5, 31, 5, 59, RenderingIdentityRule.IDENTITY, "rendering.glow.path.id must be non-blank text"),
                d(6, 38, 6, 65, RenderingIdentityRule.IDENTITY, "'animations/blur' must match 'effects/blur'"));
        // strings are stripped as Python strips them (U+00A0 and U+0085 too); an element needs a
        // kind, and metadata, when present, is a mapping
        p.open("demo/rendering/blur/element.yaml", "kind: \"effect\\u0085\"\nid: \"\\u00a0blur\"\n")
                .file("demo/rendering/glow/renderer.yaml", "id: \"demo.glow\\u00a0\"\n");
        assertEquals(List.of(), pack(p, RenderingIdentityRule.IDENTITY));
        p.open("demo/rendering/blur/element.yaml", "id: blur\n")
                .file("demo/rendering/glow/renderer.yaml", "id: demo.glow\n");
        assertExactly(pack(p, RenderingIdentityRule.IDENTITY),
                d(6, 38, 6, 65, RenderingIdentityRule.IDENTITY, "rendering.effects/blur.path.kind must be non-blank text"));
        p.open("demo/rendering/blur/element.yaml", "kind: effects\nid: blur\npack_id: demo\nmetadata:\n");
        assertExactly(pack(p, RenderingIdentityRule.IDENTITY),
                d(6, 38, 6, 65, RenderingIdentityRule.IDENTITY, "metadata must be an object with string keys"));
        // the descriptor is read with Astrid's unique-key loader, in every mapping; the first refusal counts
        p.open("demo/rendering/blur/element.yaml", "kind: effects\nid: blur\nmetadata: {pack_id: demo, 'pack_id': x}\n")
                .file("demo/rendering/glow/renderer.yaml", "base: &b {id: demo.glow}\nid: demo.glow\nnested:\n  <<: *b\n  on: 1\n");
        found = assertExactly(pack(p, RenderingIdentityRule.IDENTITY),
                d(5, 31, 5, 59, RenderingIdentityRule.IDENTITY, "(Astrid: invalid YAML canonical pack: could not determine"),
                d(6, 38, 6, 65, RenderingIdentityRule.IDENTITY, "(Astrid: manifest contains duplicate key 'pack_id')"));
        assertEquals(3, found.get(0).related().get(0).range().start().line(), "the merge key");
        p.file("demo/rendering/glow/renderer.yaml", "id: demo.glow\nnested: [{yes: 1}]\n");
        assertExactly(pack(p, RenderingIdentityRule.IDENTITY),
                d(5, 31, 5, 59, RenderingIdentityRule.IDENTITY, "(Astrid: manifest object keys must be strings)"),
                d(6, 38, 6, 65, RenderingIdentityRule.IDENTITY, "(Astrid: manifest contains duplicate key 'pack_id')"));
    }


    @Test
    void aV3ContractSchemaMustBeAValidSchemaWhoseReferencesStayInThePack() {
        String inline = V3 + V3RulesTest.ACTION.replace("inputs: [{name: title, type: string}]",
                "inputs: {type: object, properties: {title: {$ref: '#/$defs/title'}}, $defs: {title: {type: string}}}");
        TempPack p = new TempPack(tmp).file("demo/pack.yaml", inline).file("demo/actions/render.py", "def run(): pass\n");
        assertEquals(List.of(), pack(p, ContractSchemaRule.INVALID));
        // Astrid: actions.render.inputs: invalid JSON Schema: 'strng' is not valid under any of the given schemas
        p.file("demo/pack.yaml", inline.replace("{type: string}}}", "{type: strng}}}"));
        assertExactly(pack(p, ContractSchemaRule.INVALID), d(8, 4, 8, 10, ContractSchemaRule.INVALID, "actions.render.inputs: invalid JSON Schema"));
        // Astrid: actions.render.inputs.properties.title.$ref: local JSON Schema reference '#/$defs/name' not found
        p.file("demo/pack.yaml", inline.replace("#/$defs/title", "#/$defs/name"));
        assertExactly(pack(p, ContractSchemaRule.INVALID), d(8, 4, 8, 10, ContractSchemaRule.INVALID, "reference '#/$defs/name' not found"));
        p.file("demo/pack.yaml", inline.replace("#/$defs/title", "https://example.com/title.json"));
        assertExactly(pack(p, ContractSchemaRule.INVALID), d(8, 4, 8, 10, ContractSchemaRule.INVALID, "external JSON Schema references"));
        p.file("demo/pack.yaml", inline.replace("#/$defs/title", "title.json"));
        assertExactly(pack(p, ContractSchemaRule.INVALID), d(8, 4, 8, 10, ContractSchemaRule.INVALID, "inline JSON Schema cannot resolve"));

        // a schema file, and the files it refers to, inside the pack
        String file = V3 + V3RulesTest.ACTION.replace("inputs: [{name: title, type: string}]", "inputs: schemas/in.json");
        p.file("demo/pack.yaml", file).file("demo/schemas/in.json", "{\"$ref\": \"parts/title.yaml#/$defs/title\"}")
                .file("demo/schemas/parts/title.yaml", "$defs:\n  title: {type: string}\n");
        assertEquals(List.of(), pack(p, ContractSchemaRule.INVALID));
        // Astrid: actions.render.inputs (schemas/in.json).$ref: JSON Schema reference 'parts/title.yaml#/$defs/name' not found in …
        p.file("demo/schemas/in.json", "{\"$ref\": \"parts/title.yaml#/$defs/name\"}");
        assertExactly(pack(p, ContractSchemaRule.INVALID), d(8, 12, 8, 27, ContractSchemaRule.INVALID, "not found in schemas/parts/title.yaml"));
        p.file("demo/schemas/in.json", "{\"$ref\": \"../../outside.json\"}");
        assertExactly(pack(p, ContractSchemaRule.INVALID), d(8, 12, 8, 27, ContractSchemaRule.INVALID, "escapes the pack root"));
        p.file("demo/schemas/in.json", "[1, 2]");
        assertExactly(pack(p, ContractSchemaRule.INVALID), d(8, 12, 8, 27, ContractSchemaRule.INVALID, "must be an object or boolean"));
        p.file("demo/schemas/in.json", "{\"minimum\": NaN, \"type\": \"number\"}");
        assertEquals(List.of(), pack(p, ContractSchemaRule.INVALID), "NaN is JSON to Python");
        p.file("demo/schemas/in.json", "{\"type\": \"string\", \"minLength\": 1.0}");
        assertEquals(List.of(), pack(p, ContractSchemaRule.INVALID), "1.0 is an integer to Python's jsonschema");
        // a file referred to is checked as a whole, as Astrid does: here its title is not a string
        p.file("demo/schemas/in.json", "{\"$ref\": \"parts/title.yaml#/title\"}")
                .file("demo/schemas/parts/title.yaml", "title: {type: string}\n");
        assertExactly(pack(p, ContractSchemaRule.INVALID), d(8, 12, 8, 27, ContractSchemaRule.INVALID, "(schemas/parts/title.yaml): invalid JSON Schema"));
    }




    @Test
    void canonicalResourcesMustExistAndV3FileRolesMustBeFiles() {
        // Astrid: resource 'data/lut.cube' is missing or escapes owner root
        TempPack p = new TempPack(tmp).file("demo/pack.yaml", V2 + "resources:\n  - {path: data/lut.cube, kind: data}\n");
        assertExactly(disk(p.diagnose("demo/pack.yaml")),
                d(6, 11, 6, 24, PackFilesRule.MISSING, "resource 'data/lut.cube' is missing or escapes owner root"));
        p.file("demo/data/lut.cube", "LUT\n");
        assertEquals(List.of(), disk(p.diagnose("demo/pack.yaml")));
        // Astrid: documentation must name a regular file: 'docs/SKILL.md'
        p.file("demo/pack.yaml", V3 + "documentation: {kind: skill, path: docs/SKILL.md}\n").file("demo/docs/SKILL.md", null);
        assertExactly(disk(p.diagnose("demo/pack.yaml")),
                d(4, 35, 4, 48, PackFilesRule.NOT_A_FILE, "documentation must name a regular file"));
        // python code of an action
        p.file("demo/pack.yaml", V3 + V3RulesTest.ACTION);
        assertExactly(disk(p.diagnose("demo/pack.yaml")),
                d(7, 37, 7, 54, PackFilesRule.MISSING, "'actions/render.py'"));
    }

    @Test
    void canonicalPacksRefuseSymlinksAnywhereInTheirTree() throws IOException {
        TempPack p = new TempPack(tmp).file("demo/pack.yaml", V2).file("demo/notes.md", "x\n");
        try {
            Files.createSymbolicLink(tmp.resolve("demo/link.md"), tmp.resolve("demo/notes.md"));
        } catch (UnsupportedOperationException | IOException e) {
            assumeTrue(false, "no symlinks here");
        }
        // Astrid: pack tree contains symlink or escaping path: …/link.md
        assertExactly(disk(p.diagnose("demo/pack.yaml")),
                d(0, 0, 0, 14, PackFilesRule.SYMLINK, "pack tree contains symlink"));
        p.file("demo/pack.yaml", V1);
        assertEquals(List.of(), disk(p.diagnose("demo/pack.yaml")));
    }

    @Test
    void aCanonicalManifestIsPackYamlAlone() {
        // Astrid: legacy/alternate manifest(s) beside canonical pack: pack.json
        TempPack p = new TempPack(tmp).file("demo/pack.yaml", V2).file("demo/pack.json", "{}");
        assertExactly(disk(p.diagnose("demo/pack.yaml")),
                d(0, 0, 0, 14, PackFilesRule.MANIFEST_NAME, "beside canonical pack: pack.json"));
        // Astrid: canonical manifest filename must be 'pack.yaml'
        TempPack q = new TempPack(tmp.resolve("other")).file("demo/pack.yml", V2);
        assertExactly(disk(q.diagnose("demo/pack.yml")),
                d(0, 0, 0, 14, PackFilesRule.MANIFEST_NAME, "filename must be 'pack.yaml'"));
        // v1 packs may have several names
        TempPack r = new TempPack(tmp.resolve("v1")).file("demo/pack.yaml", V1).file("demo/pack.yml", V1);
        assertEquals(List.of(), disk(r.diagnose("demo/pack.yaml")));
    }

    @Test
    void aPackThatIsNotOnDiskIsNotChecked() {
        assertCode("demo/pack.yaml", V2 + "resources:\n  - {path: data/lut.cube, kind: data}\n", PackFilesRule.MISSING);
    }
}
