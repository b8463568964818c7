package dev.astrid.ls.rules;

import com.google.auto.service.AutoService;
import dev.astrid.ls.core.Code;
import dev.astrid.ls.model.Manifest;
import dev.astrid.ls.model.ManifestKind;
import dev.astrid.ls.model.Strings;
import dev.astrid.ls.workspace.PackView;
import dev.astrid.ls.yaml.YamlMapping;
import dev.astrid.ls.yaml.YamlNode;
import dev.astrid.ls.yaml.YamlScalar;
import dev.astrid.ls.yaml.YamlSequence;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A pack's {@code aliases} as Astrid's validator resolves them for schema_version 1 and 2
 * (banodoco/ArtAgents {@code astrid/core/pack/validate.py}, {@code _validate_pack_aliases}): one
 * alias per old id, no cycles, and an in-pack target some component of the pack declares. The
 * runtime registry refuses the same. Schema_version 3 aliases are left to admission's checks.
 */
@AutoService(Rule.class)
public final class PackAliasRule implements Rule {
    public static final Code UNKNOWN_TARGET = Code.error("alias-unknown-target");
    public static final Code CYCLE = Code.error("alias-cycle");
    public static final Code DUPLICATE = Code.error("alias-duplicate");

    private static final Map<String, ManifestKind> KINDS = Map.of(
            "executor", ManifestKind.EXECUTOR, "orchestrator", ManifestKind.ORCHESTRATOR);

    @Override
    public List<Code> codes() {
        return List.of(UNKNOWN_TARGET, CYCLE, DUPLICATE);
    }

    @Override
    public void check(RuleContext ctx) {
        Manifest m = ctx.manifest();
        Integer version = m.schemaVersion();
        if (m.kind() != ManifestKind.PACK || version == null || version > 2 || !(m.get("aliases") instanceof YamlSequence list)
                || !(m.get("id") instanceof YamlScalar packId)) {
            return;
        }
        Map<String, Map<String, String>> resolvers = new HashMap<>(); // kind → alias → canonical id
        record Target(int index, String kind, YamlScalar canonical) {}
        List<Target> targets = new ArrayList<>();
        for (int i = 0; i < list.items().size(); i++) {
            if (!(YamlNode.deref(list.items().get(i)) instanceof YamlMapping item) || !(item.get("kind") instanceof YamlScalar kind)
                    || !KINDS.containsKey(kind.value()) || !(item.get("alias") instanceof YamlScalar alias)
                    || !(item.get("canonical_id") instanceof YamlScalar canonical)) {
                continue;
            }
            Map<String, String> resolver = resolvers.computeIfAbsent(kind.value(), k -> new HashMap<>());
            if (resolver.containsKey(alias.value())) {
                ctx.report(DUPLICATE, alias, "Alias '" + Strings.shorten(alias.value()) + "' is declared twice: keep one "
                        + "(Astrid: pack.aliases[" + i + "] duplicates existing " + kind.value() + " alias '" + Strings.shorten(alias.value()) + "')");
                continue;
            }
            if (version == 2 && alias.value().equals(canonical.value())) {
                continue; // admission's alias-not-owned says it
            }
            if (reaches(resolver, canonical.value(), alias.value())) {
                ctx.report(CYCLE, canonical, "Alias '" + Strings.shorten(alias.value()) + "' leads back to itself through '"
                        + Strings.shorten(canonical.value()) + "': an alias must end at a real id (Astrid: pack.aliases["
                        + i + "] alias cycle detected)");
                continue;
            }
            resolver.put(alias.value(), canonical.value());
            targets.add(new Target(i, kind.value(), canonical));
        }
        PackView pack = ctx.pack().orElse(null);
        if (pack == null || !pack.complete() || !pack.pack().document().uri().equals(m.document().uri())) {
            return; // without every component read, an unknown target cannot be told from an unparsed one
        }
        Map<ManifestKind, Set<String>> idsByKind = new HashMap<>();
        for (Manifest c : pack.components()) {
            if (c.get("id") instanceof YamlScalar id) {
                idsByKind.computeIfAbsent(c.kind(), k -> new HashSet<>()).add(id.value());
            }
        }
        String inPack = packId.value() + ".";
        for (Target t : targets) {
            String resolved = resolve(resolvers.get(t.kind()), t.canonical().value());
            if (!resolved.startsWith(inPack)) {
                continue; // other packs' ids are not checked, as in Astrid
            }
            Set<String> ids = idsByKind.getOrDefault(KINDS.get(t.kind()), Set.of());
            // No component of that kind at all: more likely components this view cannot see (a partial
            // checkout, a content root elsewhere) than a pack whose every alias is wrong. Stay silent.
            if (!ids.isEmpty() && !ids.contains(resolved)) {
                ctx.report(UNKNOWN_TARGET, t.canonical(), "No " + t.kind() + " of this pack has the id '"
                        + Strings.shorten(resolved) + "' this alias points to (Astrid: pack.aliases[" + t.index()
                        + "] points to unknown " + t.kind() + " id '" + Strings.shorten(resolved) + "')");
            }
        }
    }

    /** True when following aliases from {@code from} arrives at {@code to}. */
    private static boolean reaches(Map<String, String> resolver, String from, String to) {
        String at = from;
        for (int hops = 0; at != null && hops <= resolver.size(); hops++) {
            if (at.equals(to)) {
                return true;
            }
            at = resolver.get(at);
        }
        return false;
    }

    private static String resolve(Map<String, String> resolver, String id) {
        String at = id;
        for (int hops = 0; resolver.containsKey(at) && hops <= resolver.size(); hops++) {
            at = resolver.get(at);
        }
        return at;
    }
}
