package dev.astrid.ls.rules;

import com.google.auto.service.AutoService;
import dev.astrid.ls.core.Code;
import dev.astrid.ls.core.Diagnostic;
import dev.astrid.ls.edit.Fix;
import dev.astrid.ls.edit.ManifestEdits;
import dev.astrid.ls.model.ElementKinds;
import dev.astrid.ls.model.Manifest;
import dev.astrid.ls.model.ManifestKind;
import dev.astrid.ls.model.Strings;
import dev.astrid.ls.workspace.PackView;
import dev.astrid.ls.workspace.Workspace;
import dev.astrid.ls.yaml.YamlMapping;
import dev.astrid.ls.yaml.YamlNode;
import dev.astrid.ls.yaml.YamlScalar;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * An element's {@code id} and {@code kind} as Astrid's element loader reads them
 * (banodoco/ArtAgents {@code astrid/core/pack/walkers.py} and {@code astrid/core/element/schema.py}):
 * an empty id falls back to the folder name, an unsafe one is refused; the kind, and the kind
 * folder the element sits in, must be kinds of the pack's registry and agree.
 */
@AutoService(Rule.class)
public final class ElementRule implements Rule {
    public static final Code ID_BLANK = Code.warning("element-id-blank");
    public static final Code ID_INVALID = Code.error("element-id-invalid");
    public static final Code KIND_UNKNOWN = Code.error("element-kind-unknown");
    public static final Code KIND_MISMATCH = Code.error("element-kind-mismatch");

    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");

    @Override
    public List<Code> codes() {
        return List.of(ID_BLANK, ID_INVALID, KIND_UNKNOWN, KIND_MISMATCH);
    }

    @Override
    public void check(RuleContext ctx) {
        Manifest m = ctx.manifest();
        YamlMapping root = m.root();
        if (m.kind() != ManifestKind.ELEMENT || root == null) {
            return;
        }
        String folder = m.folderName();
        YamlMapping.Entry id = root.entry("id");
        if (id != null && YamlNode.deref(id.value()) instanceof YamlScalar value) {
            boolean empty = value.isNull() || value.value().isEmpty()
                    || (value.kind() == YamlScalar.Kind.INT && value.value().matches("[-+]?0+"));
            if (empty) {
                ctx.report(ID_BLANK, RuleContext.anchor(value), "Element id is empty: Astrid uses the folder name"
                        + (folder != null ? " '" + Strings.shorten(folder) + "'" : "") + " instead; write it out to say so",
                        folder != null ? Map.of("folder", folder) : Map.of());
            } else if (value.kind() == YamlScalar.Kind.STRING && (!SAFE_ID.matcher(value.value()).matches()
                    || value.value().equals(".") || value.value().equals(".."))) {
                ctx.report(ID_INVALID, value, "Element id '" + Strings.shorten(value.value()) + "' is not a safe "
                        + "identifier: a letter or digit, then letters, digits, `_`, `.` or `-` (Astrid: element.id must "
                        + "be a safe non-empty identifier)");
            }
        }
        PackView pack = ctx.pack().orElse(null);
        if (pack == null || pack.pack().root() == null) {
            return; // the kinds a pack registers are in its pack.yaml
        }
        ElementKinds kinds = ElementKinds.of(pack.pack());
        YamlNode kindNode = root.get("kind");
        String declared = null;
        if (kindNode instanceof YamlScalar k && k.kind() == YamlScalar.Kind.STRING) {
            declared = kinds.canonical(k.value());
            if (declared == null) {
                String suggestion = Strings.closest(k.value(), kinds.names()).orElse(null);
                ctx.report(KIND_UNKNOWN, k, "Element kind '" + Strings.shorten(k.value()) + "' is not one this pack knows"
                        + (suggestion != null ? ": did you mean '" + suggestion + "'?" : ".") + " Known: "
                        + String.join(", ", kinds.names()) + "; a pack adds its own under extensions.elements.kinds "
                        + "(Astrid: kind must be one of ['effect', 'animation', 'transition'], got '"
                        + Strings.shorten(k.value()) + "')", suggestion != null ? Map.of("suggestion", suggestion) : Map.of());
            }
        }
        String folderKind = kindFolder(m, pack);
        if (folderKind == null) {
            return;
        }
        YamlNode at = kindNode != null ? RuleContext.anchor(kindNode) : root.entries().isEmpty() ? root
                : root.entries().get(0).key();
        String normalized = kinds.canonical(folderKind);
        if (normalized == null) {
            ctx.report(KIND_UNKNOWN, at, "This element sits in the folder elements/" + Strings.shorten(folderKind) + "/, "
                    + "which is not an element kind this pack knows: register it under extensions.elements.kinds in "
                    + "pack.yaml, or move the element (Astrid: element kind must be one of [effects, animations, "
                    + "transitions] (or singular variants))");
        } else if (declared != null && !declared.equals(normalized)) {
            ctx.report(KIND_MISMATCH, at, "Kind '" + ((YamlScalar) kindNode).value() + "' does not match the folder "
                    + "elements/" + Strings.shorten(folderKind) + "/ this element sits in (Astrid: element '"
                    + (folder == null ? "" : Strings.shorten(folder)) + "' declared kind '" + declared
                    + "' does not match folder kind '" + normalized + "')");
        }
    }

    /**
     * The kind folder of an element at {@code <elements root>/<kind>/<name>/element.yaml}, where the
     * root is {@code content.elements} or {@code elements/}; null when the element is elsewhere.
     */
    static String kindFolder(Manifest element, PackView pack) {
        Path file = Workspace.path(element.document().uri());
        if (file == null || file.getParent() == null || file.getParent().getParent() == null) {
            return null;
        }
        Path kindDir = file.getParent().getParent();
        String rootName = pack.pack().get("content") instanceof YamlMapping content
                && content.get("elements") instanceof YamlScalar s && !s.value().isBlank() ? s.value().strip() : "elements";
        Path elementsRoot = pack.root().resolve(rootName).normalize();
        return elementsRoot.equals(kindDir.getParent()) ? kindDir.getFileName().toString() : null;
    }

    @Override
    public List<Fix> fixes(FixContext ctx, Diagnostic d) {
        YamlScalar scalar = ctx.scalar(d);
        if (scalar == null) {
            return List.of();
        }
        if (d.code() == KIND_UNKNOWN && d.data().get("suggestion") instanceof String s) {
            return List.of(Fix.of("Change to '" + s + "'", d.code(), true, Strings.isSlip(scalar.value(), s),
                    ManifestEdits.replace(ctx.manifest(), scalar, ManifestEdits.scalar(ctx.manifest(), s))));
        }
        if (d.code() == ID_BLANK && d.data().get("folder") instanceof String folder && SAFE_ID.matcher(folder).matches()
                && ctx.entry(d) != null) {
            return List.of(Fix.of("Write the folder name: id: " + folder, d.code(), true, true,
                    ManifestEdits.replaceValue(ctx.manifest(), ctx.entry(d), ManifestEdits.scalar(ctx.manifest(), folder))));
        }
        return List.of();
    }
}
