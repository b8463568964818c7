package dev.astrid.ls.workspace;

import dev.astrid.ls.model.Manifest;
import dev.astrid.ls.model.ManifestKind;
import dev.astrid.ls.yaml.YamlScalar;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A pack as Astrid sees it when it builds the trust summary: the pack manifest and the
 * component manifests beneath it (each as the open buffer when there is one, else as on disk),
 * and its files, for the checks Astrid makes on disk.
 */
public record PackView(Path root, Manifest pack, List<Manifest> components, PackFiles files) {

    /** A pack whose files cannot be looked at (not a folder of this workspace). */
    public PackView(Path root, Manifest pack, List<Manifest> components) {
        this(root, pack, components, PackFiles.NONE);
    }

    public List<Manifest> all() {
        List<Manifest> out = new ArrayList<>();
        out.add(pack);
        out.addAll(components);
        return out;
    }

    public long count(ManifestKind kind) {
        return components.stream().filter(m -> m.kind() == kind).count();
    }

    /** True when every manifest parsed without a syntax error, so the set of declarations is fully known. */
    public boolean complete() {
        return all().stream().allMatch(m -> m.yaml().errors().isEmpty() && m.yaml().root() != null);
    }

    /** The pack id as written, or null. */
    public String id() {
        return pack.get("id") instanceof YamlScalar s ? s.value() : null;
    }
}
