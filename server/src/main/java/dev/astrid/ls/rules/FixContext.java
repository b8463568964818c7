package dev.astrid.ls.rules;

import dev.astrid.ls.core.Diagnostic;
import dev.astrid.ls.edit.ManifestEdits;
import dev.astrid.ls.model.Manifest;
import dev.astrid.ls.workspace.PackView;
import dev.astrid.ls.yaml.YamlMapping;
import dev.astrid.ls.yaml.YamlNode;
import dev.astrid.ls.yaml.YamlScalar;

/**
 * What a fix sees: the manifest the diagnostic is in, its pack (may be null) and whether the
 * client takes snippet edits.
 */
public record FixContext(Manifest manifest, PackView pack, boolean snippets) {

    /** The scalar (key or value) where the diagnostic starts, or null. */
    public YamlScalar scalar(Diagnostic d) {
        return ManifestEdits.scalarAt(manifest, manifest.document().offsetAt(d.range().start()));
    }

    /** The mapping entry whose key or value starts the diagnostic, or null. */
    public YamlMapping.Entry entry(Diagnostic d) {
        YamlNode node = scalar(d);
        return node != null && node.parent() instanceof YamlMapping map ? map.entryOf(node) : null;
    }
}
