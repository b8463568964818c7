package dev.astrid.ls.rules;

import com.google.auto.service.AutoService;
import dev.astrid.ls.core.Code;
import dev.astrid.ls.core.Diagnostic;
import dev.astrid.ls.edit.Edit;
import dev.astrid.ls.edit.Fix;
import dev.astrid.ls.edit.ManifestEdits;
import dev.astrid.ls.model.Manifest;
import dev.astrid.ls.model.ManifestKind;
import dev.astrid.ls.model.Permissions;
import dev.astrid.ls.text.TextDocument;
import dev.astrid.ls.yaml.YamlMapping;
import dev.astrid.ls.yaml.YamlNode;
import dev.astrid.ls.yaml.YamlScalar;
import dev.astrid.ls.yaml.YamlSequence;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Permissions are pack-level only: a component cannot declare its own. */
@AutoService(Rule.class)
public final class ComponentPermissionsRule implements Rule {
    public static final Code IN_COMPONENT = Code.error("permissions-in-component");

    @Override
    public List<Code> codes() {
        return List.of(IN_COMPONENT);
    }

    @Override
    public void check(RuleContext ctx) {
        ManifestKind kind = ctx.manifest().kind();
        YamlMapping root = ctx.manifest().root();
        if (kind == ManifestKind.PACK || root == null) {
            return;
        }
        YamlMapping.Entry e = root.entry("permissions");
        if (e != null) {
            ctx.report(IN_COMPONENT, e.key(), "Permissions cannot be declared in an " + kind.baseName() + " manifest: "
                    + "they are pack-level only, shared by every component. Move this block to the pack's manifest.",
                    Map.of("kind", kind.baseName()));
        }
    }

    /**
     * Moves the block into the pack manifest. Items whose id the pack lacks are copied as written
     * (comments and quoting kept, when both files are block YAML); items whose id it already
     * declares are merged into that declaration, so that no word of disclosure is lost.
     */
    @Override
    public List<Fix> fixes(FixContext ctx, Diagnostic d) {
        Manifest component = ctx.manifest();
        YamlMapping root = component.root();
        YamlMapping.Entry entry = root == null ? null : root.entry("permissions");
        if (ctx.pack() == null || entry == null || ctx.pack().pack().root() == null) {
            return List.of();
        }
        Manifest pack = ctx.pack().pack();
        TextDocument doc = component.document();
        boolean blockTarget = !ManifestEdits.isJson(pack)
                && !(pack.get("permissions") instanceof YamlSequence s && s.isFlow() && !s.items().isEmpty());
        List<Edit> edits = new ArrayList<>();
        List<String> flow = new ArrayList<>();
        List<List<String>> blocks = new ArrayList<>();
        Set<String> merged = new LinkedHashSet<>();
        boolean commentsLost = false;
        List<YamlNode> items = YamlNode.deref(entry.value()) instanceof YamlSequence list ? list.items() : List.of();
        // comments on the key's line and between items travel with the item below them
        int floor = doc.positionAt(entry.key().start()).line();
        List<String> leading = PermissionMerge.comments(doc, entry.key().start(), doc.lineEnd(floor));
        for (YamlNode raw : items) {
            YamlNode item = YamlNode.deref(raw);
            int firstLine = doc.positionAt(raw.start()).line();
            List<String> above = new ArrayList<>(leading);
            for (int line = floor + 1; line < firstLine; line++) {
                if (doc.lineText(line).strip().startsWith("#")) {
                    above.add(doc.lineText(line).strip());
                }
            }
            leading = List.of();
            floor = Math.max(floor, ManifestEdits.lastLine(doc, raw));
            List<String> comments = new ArrayList<>(above);
            comments.addAll(PermissionMerge.comments(doc, item.start(), item.end()));
            String id = item instanceof YamlMapping map && map.get("id") instanceof YamlScalar s ? s.value() : null;
            YamlMapping existing = id == null ? null : Permissions.item(pack, id);
            if (existing != null) {
                edits.addAll(PermissionMerge.into(pack, existing, (YamlMapping) item, comments));
                merged.add(id);
                commentsLost |= !blockTarget && !comments.isEmpty();
                continue;
            }
            boolean sourceFlow = item instanceof YamlMapping map ? map.isFlow() : !(item instanceof YamlSequence);
            String source = doc.text().substring(item.start(), trimmedEnd(doc, item));
            if (blockTarget) {
                List<String> lines = new ArrayList<>(above);
                lines.addAll(sourceFlow ? List.of("- " + source) : reindented(doc, item));
                blocks.add(lines);
            } else {
                flow.add(sourceFlow && (ManifestEdits.isJson(component) || !ManifestEdits.isJson(pack))
                        ? source : asFlow(pack, item));
                commentsLost |= !comments.isEmpty();
            }
        }
        if (!flow.isEmpty() || !blocks.isEmpty()) {
            edits.add(ManifestEdits.appendRendered(pack, "permissions", flow, blocks));
        }
        edits.add(ManifestEdits.deleteEntry(component, root, entry));
        String file = fileName(pack);
        StringBuilder title = new StringBuilder("Move these permissions to ").append(file);
        if (!merged.isEmpty()) {
            title.append(", merging ").append(String.join(", ", merged.stream().map(s -> "'" + s + "'").toList()))
                    .append(" into the existing ").append(merged.size() == 1 ? "declaration" : "declarations");
        }
        if (commentsLost) {
            title.append(" (their comments cannot be kept in ").append(file).append(")");
        }
        return List.of(new Fix(title.toString(), d.code(), true, false, false, ManifestEdits.combine(edits)));
    }

    /** A block item's lines, from its dash to its last line, with the dash moved to column 0. */
    private static List<String> reindented(TextDocument doc, YamlNode item) {
        int dash = ManifestEdits.dashColumn(doc, item);
        int first = doc.positionAt(item.start()).line();
        int last = ManifestEdits.lastLine(doc, item);
        List<String> lines = new ArrayList<>();
        for (int line = first; line <= last; line++) {
            String text = doc.lineText(line);
            int strip = Math.min(dash, text.length() - text.stripLeading().length());
            lines.add(text.substring(strip));
        }
        return lines;
    }

    /** A block item as a flow mapping in the target's style (JSON for JSON text). */
    private static String asFlow(Manifest target, YamlNode item) {
        if (!(item instanceof YamlMapping map)) {
            return item instanceof YamlScalar s ? ManifestEdits.scalar(target, s.value()) : "{}";
        }
        boolean json = ManifestEdits.isJson(target);
        List<String> fields = new ArrayList<>();
        for (YamlMapping.Entry e : map.entries()) {
            YamlNode v = YamlNode.deref(e.value());
            String value;
            if (v instanceof YamlSequence seq) {
                value = ManifestEdits.format(target, new ManifestEdits.Texts(seq.items().stream()
                        .map(i -> YamlNode.deref(i) instanceof YamlScalar s ? s.value() : "").toList()));
            } else if (v instanceof YamlScalar s && s.kind() == YamlScalar.Kind.BOOL) {
                value = String.valueOf(YamlScalar.isTrue(s));
            } else {
                value = ManifestEdits.scalar(target, v instanceof YamlScalar s ? s.value() : "");
            }
            String key = e.keyText() == null ? "" : e.keyText();
            fields.add((json ? ManifestEdits.quoted(key) : key) + ": " + value);
        }
        return "{" + String.join(", ", fields) + "}";
    }

    private static int trimmedEnd(TextDocument doc, YamlNode node) {
        int end = node.end();
        while (end > node.start() && Character.isWhitespace(doc.text().charAt(end - 1))) {
            end--;
        }
        return end;
    }

    private static String fileName(Manifest m) {
        String uri = m.document().uri();
        return uri.substring(uri.lastIndexOf('/') + 1);
    }
}
