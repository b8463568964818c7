package dev.astrid.ls.rules;

import static dev.astrid.ls.ManifestAssert.assertCode;
import static dev.astrid.ls.ManifestAssert.assertExactly;
import static dev.astrid.ls.ManifestAssert.d;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.astrid.ls.core.Code;
import dev.astrid.ls.core.Diagnostic;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Components and the pack around them as Astrid's validator and runtime parser read them: runtime
 * module, cache, duplicate ids, aliases, element ids and kinds. Each test names the Astrid message.
 */
class ComponentFidelityTest {
    static final String PACK = "schema_version: 1\nid: demo\nname: Demo\nversion: 1.0.0\n";
    static final String EXECUTOR = "schema_version: 1\nid: demo.render\nname: Render\nversion: \"1\"\nkind: external\n";
    static final String COMPONENT = "export default function Glow() {\n  return null;\n}\n";
    static final String ELEMENT = "id: glow\nkind: effect\npack_id: demo\nmetadata: {}\nschema: {}\ndefaults: {}\n";

    @TempDir
    Path tmp;

    static List<Diagnostic> only(List<Diagnostic> ds, Code code) {
        return ds.stream().filter(d -> d.code() == code).toList();
    }

    @Test
    void aRuntimeModuleDeclaredTwiceDifferentlyIsAnError() {
        // Astrid: executor declares its runtime module twice with conflicting values
        String text = EXECUTOR + "runtime: {kind: python, module: demo.render.run, function: main}\n"
                + "metadata: {runtime_module: demo.render.main}\n";
        assertCode("demo/executors/render/executor.yaml", text, RuntimeParserRule.MODULE_CONFLICT,
                d(5, 32, 5, 47, RuntimeParserRule.MODULE_CONFLICT, "declares its runtime module twice"));
        assertCode("demo/executors/render/executor.yaml", text.replace("demo.render.main", "demo.render.run"),
                RuntimeParserRule.MODULE_CONFLICT);
        assertCode("demo/executors/render/executor.yaml", EXECUTOR + "runtime: {type: python-cli, entrypoint: run.py}\n"
                + "metadata: {runtime_module: demo.render.main}\n", RuntimeParserRule.MODULE_CONFLICT);
    }

    @Test
    void cacheSettingsThatContradictEachOtherAreErrors() {
        // Astrid: cache.mode 'none' cannot include sentinels, always_run, or per_brief
        assertCode("demo/executors/render/executor.yaml", EXECUTOR + "cache: {mode: none, sentinels: [out.mp4]}\n",
                RuntimeParserRule.CACHE_INVALID, d(5, 14, 5, 18, RuntimeParserRule.CACHE_INVALID, "cannot include sentinels"));
        // Astrid: cache.always_run cannot be combined with cache.sentinels
        assertCode("demo/executors/render/executor.yaml", EXECUTOR + "cache: {always_run: true, sentinels: [a]}\n",
                RuntimeParserRule.CACHE_INVALID, d(5, 8, 5, 18, RuntimeParserRule.CACHE_INVALID, "cannot be combined"));
        // Astrid: cache.mode 'always_run' requires cache.always_run=true
        assertCode("demo/orchestrators/make/orchestrator.yaml", "schema_version: 1\nid: demo.make\nname: M\nversion: \"1\"\n"
                        + "kind: external\nruntime: {kind: python, module: m, function: f}\ncache: {mode: always_run}\n",
                RuntimeParserRule.CACHE_INVALID, d(6, 14, 6, 24, RuntimeParserRule.CACHE_INVALID, "requires cache.always_run=true"));
        assertCode("demo/executors/render/executor.yaml", EXECUTOR + "cache: {mode: sentinel, sentinels: [a]}\n",
                RuntimeParserRule.CACHE_INVALID);
    }

    @Test
    void theRuntimeParserRulesAreErrorsWhereTheRuntimeRefuses() {
        String executor = "demo/executors/render/executor.yaml";
        // Astrid (runtime): cache.mode must be one of ['always_run', 'none', 'sentinel']
        assertCode(executor, EXECUTOR + "cache: {mode: lazy}\n", SchemaRule.INVALID_VALUE,
                d(5, 14, 5, 18, SchemaRule.INVALID_VALUE, "cache.mode must be one of"));
        // Astrid (runtime): output 'out'.mode must be one of ['create', 'create_or_replace', 'mutate']
        assertCode(executor, EXECUTOR + "outputs: [{name: out, mode: append}]\n", SchemaRule.INVALID_VALUE,
                d(5, 28, 5, 34, SchemaRule.INVALID_VALUE, "'append' is not allowed"));
        // Astrid (runtime): executor.metadata.project_scope must be one of ['optional', 'required']
        assertCode(executor, EXECUTOR + "metadata: {project_scope: sometimes}\n", SchemaRule.INVALID_VALUE,
                d(5, 26, 5, 35, SchemaRule.INVALID_VALUE, "'sometimes' is not allowed"));
        // Astrid (runtime): input 'seed' cannot be both required and have a default
        assertCode(executor, EXECUTOR + "inputs: [{name: seed, default: 0}]\n", SchemaRule.MISSING_KEY,
                d(5, 9, 5, 33, SchemaRule.MISSING_KEY, "'required'"));
        assertCode(executor, EXECUTOR + "inputs: [{name: seed, required: false, default: 0}]\n", SchemaRule.MISSING_KEY);
        // Astrid (runtime): isolation.mode must be one of ['subprocess']
        assertCode(executor, EXECUTOR + "isolation: {mode: in_process}\n", SchemaRule.INVALID_VALUE,
                d(5, 18, 5, 28, SchemaRule.INVALID_VALUE, "isolation.mode must be one of ['subprocess']"));
        assertCode("demo/orchestrators/make/orchestrator.yaml", "schema_version: 1\nid: demo.make\nname: M\nversion: \"1\"\n"
                        + "kind: external\nruntime: {kind: python, module: m, function: f}\nisolation: {mode: in_process}\n",
                SchemaRule.INVALID_VALUE, d(6, 18, 6, 28, SchemaRule.INVALID_VALUE, "isolation.mode must be one of"));
        assertCode(executor, EXECUTOR + "isolation: {}\n", SchemaRule.INVALID_VALUE);
        // Astrid (runtime): an executor without kind is refused
        assertCode(executor, EXECUTOR.replace("kind: external\n", ""), ComponentRule.KIND_MISSING,
                d(1, 0, 1, 2, ComponentRule.KIND_MISSING));
    }

    @Test
    void twoComponentsWithOneIdAreAnError() {
        // Astrid: duplicate capability id 'demo.render'; already declared in executors/render/executor.yaml
        TempPack p = new TempPack(tmp).file("demo/pack.yaml", PACK)
                .file("demo/executors/render/executor.yaml", EXECUTOR)
                .file("demo/executors/render2/executor.yaml", EXECUTOR);
        assertEquals(List.of(), only(p.diagnose("demo/executors/render/executor.yaml"), ComponentIdRule.DUPLICATE_ID));
        var ds = assertExactly(only(p.diagnose("demo/executors/render2/executor.yaml"), ComponentIdRule.DUPLICATE_ID),
                d(1, 4, 1, 15, ComponentIdRule.DUPLICATE_ID, "already declared in executors/render/executor.yaml"));
        assertEquals(p.uri("demo/executors/render/executor.yaml"), ds.get(0).related().get(0).uri());
        // elements count as <kind>/<id>, singular and plural folders alike
        p.file("demo/elements/effects/glow/element.yaml", ELEMENT).file("demo/elements/effect/glow/element.yaml", ELEMENT);
        assertExactly(only(p.diagnose("demo/elements/effects/glow/element.yaml"), ComponentIdRule.DUPLICATE_ID),
                d(0, 4, 0, 8, ComponentIdRule.DUPLICATE_ID, "'effects/glow'"));
    }

    @Test
    void packAliasesResolveToComponentsOfThePack() {
        TempPack p = new TempPack(tmp).file("demo/executors/render/executor.yaml", EXECUTOR);
        String aliases = "aliases:\n  - {kind: executor, alias: demo.old, canonical_id: demo.draw}\n"
                + "  - {kind: executor, alias: demo.a, canonical_id: demo.b}\n"
                + "  - {kind: executor, alias: demo.b, canonical_id: demo.a}\n"
                + "  - {kind: executor, alias: demo.x, canonical_id: other.render}\n"
                + "  - {kind: executor, alias: demo.old, canonical_id: demo.render}\n";
        p.file("demo/pack.yaml", PACK + aliases);
        List<Diagnostic> ds = p.diagnose("demo/pack.yaml");
        // Astrid: pack.aliases[0] points to unknown executor id 'demo.draw'; the cycle's first half is left
        // pointing at an alias that was never registered, which Astrid reports the same way
        assertExactly(only(ds, PackAliasRule.UNKNOWN_TARGET),
                d(5, 52, 5, 61, PackAliasRule.UNKNOWN_TARGET, "points to unknown executor id 'demo.draw'"),
                d(6, 50, 6, 56, PackAliasRule.UNKNOWN_TARGET, "'demo.b'"));
        // Astrid: pack.aliases[2] alias cycle detected
        assertExactly(only(ds, PackAliasRule.CYCLE), d(7, 50, 7, 56, PackAliasRule.CYCLE, "alias cycle detected"));
        // Astrid: pack.aliases[4] duplicates existing executor alias 'demo.old'
        assertExactly(only(ds, PackAliasRule.DUPLICATE),
                d(9, 28, 9, 36, PackAliasRule.DUPLICATE, "duplicates existing executor alias"));
    }

    @Test
    void elementIdsFallBackToTheFolderOrAreRefusedWhenUnsafe() {
        TempPack p = new TempPack(tmp).file("demo/pack.yaml", PACK)
                .file("demo/elements/effects/glow/element.yaml", ELEMENT.replace("id: glow", "id: \"\""));
        // Astrid uses the folder name for an empty id
        assertExactly(only(p.diagnose("demo/elements/effects/glow/element.yaml"), ElementRule.ID_BLANK),
                d(0, 4, 0, 6, ElementRule.ID_BLANK, "folder name 'glow'"));
        // Astrid: element.id must be a safe non-empty identifier
        p.file("demo/elements/effects/glow/element.yaml", ELEMENT.replace("id: glow", "id: my glow"));
        assertExactly(only(p.diagnose("demo/elements/effects/glow/element.yaml"), ElementRule.ID_INVALID),
                d(0, 4, 0, 11, ElementRule.ID_INVALID, "safe non-empty identifier"));
        assertCode("demo/elements/effects/glow/element.yaml", ELEMENT.replace("id: glow", "id: \"  \""),
                ElementRule.ID_INVALID, d(0, 4, 0, 8, ElementRule.ID_INVALID));
    }

    @Test
    void elementKindsComeFromThePackAndTheBuiltIns() {
        String kinds = "extensions:\n  elements:\n    kinds: [{id: widgets, singular: widget}]\n";
        TempPack p = new TempPack(tmp).file("demo/pack.yaml", PACK + kinds)
                .file("demo/elements/widgets/w/component.tsx", COMPONENT).file("demo/elements/effects/glow/component.tsx", COMPONENT);
        p.file("demo/elements/widgets/w/element.yaml", ELEMENT.replace("kind: effect", "kind: widget"));
        assertEquals(List.of(), p.diagnose("demo/elements/widgets/w/element.yaml"));
        p.file("demo/elements/effects/glow/element.yaml", ELEMENT.replace("kind: effect", "kind: effects"));
        assertEquals(List.of(), p.diagnose("demo/elements/effects/glow/element.yaml"));
        // Astrid: kind must be one of ['effect', 'animation', 'transition'], got 'widgt'
        p.file("demo/elements/widgets/w/element.yaml", ELEMENT.replace("kind: effect", "kind: widgt"));
        assertExactly(p.diagnose("demo/elements/widgets/w/element.yaml"),
                d(1, 6, 1, 11, ElementRule.KIND_UNKNOWN, "did you mean 'widget'?"));
        // Astrid: element 'glow' declared kind 'animations' does not match folder kind 'effects'
        p.file("demo/elements/effects/glow/element.yaml", ELEMENT.replace("kind: effect", "kind: animation"));
        assertExactly(p.diagnose("demo/elements/effects/glow/element.yaml"),
                d(1, 6, 1, 15, ElementRule.KIND_MISMATCH, "does not match folder kind 'effects'"));
        // a kind folder the pack does not register: Astrid's walk refuses it
        p.file("demo/pack.yaml", PACK);
        p.file("demo/elements/widgets/w/element.yaml", ELEMENT.replace("kind: effect", "kind: effect"));
        assertExactly(p.diagnose("demo/elements/widgets/w/element.yaml"),
                d(1, 6, 1, 12, ElementRule.KIND_UNKNOWN, "elements/widgets/"));
    }

    @Test
    void anElementNeedsItsComponentUnlessAnAdapterRendersIt() {
        // Astrid: element 'glow' missing component.tsx (the validator is silent, the loader refuses)
        TempPack p = new TempPack(tmp).file("demo/pack.yaml", PACK).file("demo/elements/effects/glow/element.yaml", ELEMENT);
        assertExactly(p.diagnose("demo/elements/effects/glow/element.yaml"),
                d(0, 4, 0, 8, PackFilesRule.COMPONENT_MISSING, "element 'glow' missing component.tsx"));
        p.file("demo/elements/effects/glow/element.yaml", ELEMENT.replace("id: glow\n", "") + "runtime: {adapter: \"\"}\n");
        assertExactly(p.diagnose("demo/elements/effects/glow/element.yaml").stream()
                        .filter(d -> d.code() == PackFilesRule.COMPONENT_MISSING).toList(),
                d(0, 0, 0, 4, PackFilesRule.COMPONENT_MISSING, "element 'glow' missing component.tsx"));
        p.file("demo/elements/effects/glow/element.yaml", ELEMENT + "runtime: {adapter: remotion}\n");
        assertEquals(List.of(), p.diagnose("demo/elements/effects/glow/element.yaml"), "an adapter renders it");
        p.file("demo/elements/effects/glow/element.yaml", ELEMENT).open("demo/elements/effects/glow/component.tsx", COMPONENT);
        assertEquals(List.of(), p.diagnose("demo/elements/effects/glow/element.yaml"), "an unsaved component counts");
    }

    @Test
    void keptAsTheyAre() {
        // top-level secrets in an executor: Astrid's validator says unknown field(s) in <root>, its runtime loads it
        assertCode("demo/executors/render/executor.yaml", EXECUTOR + "secrets:\n  - {name: FAL_KEY, required: true}\n",
                ComponentRule.SECRETS_FIELD, d(5, 0, 5, 7, ComponentRule.SECRETS_FIELD, "unknown field(s) in <root>"));
        // elements without schema_version or dependencies load at run time: nothing to say
        assertCode("demo/elements/effects/glow/element.yaml", ELEMENT, SchemaRule.MISSING_KEY);
        // v1 pack id and folder: runtime discovery refuses it
        assertCode("other/pack.yaml", PACK, PackIdRule.FOLDER_MISMATCH,
                d(1, 4, 1, 8, PackIdRule.FOLDER_MISMATCH, "refuses this one"));
        // database: a warning quoting the current refusal
        assertCode("demo/pack.yaml", "schema_version: 2\nid: demo\nname: Demo\nversion: 1.0.0\ncapabilities: [a]\n"
                + "database: {default_enabled: true}\n", DatabaseRule.DATABASE,
                d(5, 0, 5, 8, DatabaseRule.DATABASE, "database contributions are forbidden"));
    }
}
