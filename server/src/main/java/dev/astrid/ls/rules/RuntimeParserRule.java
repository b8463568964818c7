package dev.astrid.ls.rules;

import com.google.auto.service.AutoService;
import dev.astrid.ls.core.Code;
import dev.astrid.ls.model.ManifestKind;
import dev.astrid.ls.model.Strings;
import dev.astrid.ls.yaml.YamlMapping;
import dev.astrid.ls.yaml.YamlNode;
import dev.astrid.ls.yaml.YamlScalar;
import dev.astrid.ls.yaml.YamlSequence;
import java.util.List;

/**
 * Checks Astrid's runtime parser makes on executors and orchestrators that its JSON Schema does
 * not: a runtime module declared twice with different values (banodoco/ArtAgents
 * {@code astrid/core/pack/manifest.py}, {@code reconcile_runtime_module}) and cache settings that
 * contradict each other ({@code astrid/core/_shared/capability_common.py}, {@code _validate_cache}).
 * The registry then skips the pack's executors, so these are errors.
 */
@AutoService(Rule.class)
public final class RuntimeParserRule implements Rule {
    public static final Code MODULE_CONFLICT = Code.error("component-runtime-module-conflict");
    public static final Code CACHE_INVALID = Code.error("component-cache-invalid");

    @Override
    public List<Code> codes() {
        return List.of(MODULE_CONFLICT, CACHE_INVALID);
    }

    @Override
    public void check(RuleContext ctx) {
        ManifestKind kind = ctx.manifest().kind();
        YamlMapping root = ctx.manifest().root();
        if (root == null || (kind != ManifestKind.EXECUTOR && kind != ManifestKind.ORCHESTRATOR)) {
            return;
        }
        if (root.get("runtime") instanceof YamlMapping runtime && runtime.get("kind") instanceof YamlScalar k
                && k.value().equals("python") && runtime.get("module") instanceof YamlScalar block && text(block)
                && root.get("metadata") instanceof YamlMapping metadata
                && metadata.get("runtime_module") instanceof YamlScalar meta && text(meta)
                && !meta.value().equals(block.value())) {
            ctx.report(MODULE_CONFLICT, block, "runtime.module '" + Strings.shorten(block.value()) + "' differs from "
                    + "metadata.runtime_module '" + Strings.shorten(meta.value()) + "': declare the module once, in "
                    + "metadata.runtime_module (Astrid: " + kind.baseName() + " declares its runtime module twice with "
                    + "conflicting values)");
        }
        if (root.get("cache") instanceof YamlMapping cache) {
            cache(ctx, cache);
        }
    }

    /** The combinations {@code _validate_cache} refuses; an unknown mode is the schema's to report. */
    private static void cache(RuleContext ctx, YamlMapping cache) {
        YamlNode modeNode = cache.get("mode");
        String mode = modeNode == null ? "sentinel" : modeNode instanceof YamlScalar s ? s.value() : null;
        boolean sentinels = cache.get("sentinels") instanceof YamlSequence list && !list.items().isEmpty();
        boolean alwaysRun = YamlScalar.isTrue(cache.get("always_run"));
        boolean perBrief = YamlScalar.isTrue(cache.get("per_brief"));
        YamlNode at = modeNode != null ? modeNode : cache.entries().isEmpty() ? cache : cache.entries().get(0).key();
        if (alwaysRun && sentinels) {
            ctx.report(CACHE_INVALID, cache.entry("always_run").key(), "cache.always_run and cache.sentinels contradict "
                    + "each other: always running means sentinels are never consulted (Astrid: cache.always_run cannot be "
                    + "combined with cache.sentinels)");
        } else if ("none".equals(mode) && (sentinels || alwaysRun || perBrief)) {
            ctx.report(CACHE_INVALID, at, "cache.mode none takes no sentinels, always_run or per_brief: remove them "
                    + "or pick another mode (Astrid: cache.mode 'none' cannot include sentinels, always_run, or per_brief)");
        } else if ("always_run".equals(mode) && !alwaysRun) {
            ctx.report(CACHE_INVALID, at, "cache.mode always_run also needs `always_run: true` in the cache block "
                    + "(Astrid: cache.mode 'always_run' requires cache.always_run=true)");
        }
    }

    private static boolean text(YamlScalar s) {
        return s.kind() == YamlScalar.Kind.STRING && !s.value().isEmpty();
    }
}
