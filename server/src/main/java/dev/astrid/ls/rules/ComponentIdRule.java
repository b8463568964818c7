package dev.astrid.ls.rules;

import com.google.auto.service.AutoService;
import dev.astrid.ls.core.Code;
import dev.astrid.ls.model.ElementKinds;
import dev.astrid.ls.model.Manifest;
import dev.astrid.ls.model.ManifestKind;
import dev.astrid.ls.model.Strings;
import dev.astrid.ls.workspace.PackView;
import dev.astrid.ls.workspace.Workspace;
import dev.astrid.ls.yaml.YamlScalar;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Two components of one pack with the same id. Astrid's validator registers every executor and
 * orchestrator id, and every element as {@code <kind>/<id>}, in one table and refuses a repeat
 * (banodoco/ArtAgents {@code astrid/core/pack/validate.py}, {@code _register_capability_id}), walking
 * executors, then orchestrators, then elements, each in path order: the later one is reported.
 */
@AutoService(Rule.class)
public final class ComponentIdRule implements Rule {
    public static final Code DUPLICATE_ID = Code.error("component-duplicate-id");

    @Override
    public List<Code> codes() {
        return List.of(DUPLICATE_ID);
    }

    @Override
    public void check(RuleContext ctx) {
        Manifest m = ctx.manifest();
        PackView pack = ctx.pack().orElse(null);
        Integer version = pack == null ? null : pack.pack().schemaVersion();
        if (m.kind() == ManifestKind.PACK || pack == null || pack.pack().root() == null || (version != null && version > 2)) {
            return; // v3 declares its components in pack.yaml: admission checks those identities
        }
        String mine = capabilityId(m, pack);
        if (mine == null) {
            return;
        }
        for (Manifest other : order(pack)) {
            if (other.document().uri().equals(m.document().uri())) {
                return; // nothing before this one claims the id
            }
            if (mine.equals(capabilityId(other, pack))) {
                YamlScalar id = (YamlScalar) m.get("id");
                String where = relative(pack, other);
                ctx.report(DUPLICATE_ID, id.start(), id.end(), "Id '" + Strings.shorten(mine) + "' is already declared by "
                        + where + ": each component of a pack needs its own id (Astrid: duplicate capability id '"
                        + Strings.shorten(mine) + "'; already declared in " + where + ")", Map.of(),
                        List.of(RuleContext.related(other, other.get("id"), "the first '" + Strings.shorten(mine) + "'")));
                return;
            }
        }
    }

    /** Components in the order Astrid's validator registers them. */
    private static List<Manifest> order(PackView pack) {
        return pack.components().stream().sorted(Comparator
                .comparingInt((Manifest c) -> c.kind().ordinal()).thenComparing(c -> c.document().uri())).toList();
    }

    /** The id a component registers: its qualified id, or {@code <kind>/<id>} for an element; null when unknown. */
    private static String capabilityId(Manifest c, PackView pack) {
        if (!(c.get("id") instanceof YamlScalar id) || id.kind() != YamlScalar.Kind.STRING || id.value().isBlank()) {
            return null;
        }
        if (c.kind() != ManifestKind.ELEMENT) {
            return id.value();
        }
        String folder = ElementRule.kindFolder(c, pack);
        String kind = folder == null ? null : ElementKinds.of(pack.pack()).canonical(folder);
        return kind == null ? null : kind + "/" + id.value();
    }

    private static String relative(PackView pack, Manifest m) {
        Path file = Workspace.path(m.document().uri());
        return file != null && file.startsWith(pack.root()) ? pack.root().relativize(file).toString().replace('\\', '/')
                : m.document().uri();
    }
}
