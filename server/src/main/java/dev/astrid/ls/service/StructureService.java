package dev.astrid.ls.service;

import dev.astrid.ls.edit.ManifestEdits;
import dev.astrid.ls.model.Manifest;
import dev.astrid.ls.model.ManifestKind;
import dev.astrid.ls.text.TextDocument;
import dev.astrid.ls.yaml.YamlAlias;
import dev.astrid.ls.yaml.YamlMapping;
import dev.astrid.ls.yaml.YamlNode;
import dev.astrid.ls.yaml.YamlScalar;
import dev.astrid.ls.yaml.YamlSequence;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Outline, folding and selection ranges: the document's structure, from the tolerant tree. */
public final class StructureService {
    /** How deep the outline and folding go; manifests are shallow, hostile files are not. */
    private static final int MAX_DEPTH = 64;

    public enum SymbolKind { KEY, LIST, ITEM, PERMISSION, VALUE }

    /** An outline entry; {@code start/end} span the whole entry, {@code nameStart/nameEnd} its key or id. */
    public record Symbol(String name, String detail, SymbolKind kind, int start, int end, int nameStart, int nameEnd,
                         List<Symbol> children) {}

    public record Fold(int startLine, int endLine, boolean comment) {}

    public List<Symbol> symbols(Manifest m) {
        return m.yaml().root() instanceof YamlMapping root ? entries(m, root, List.of(), 0) : List.of();
    }

    private List<Symbol> entries(Manifest m, YamlMapping map, List<Object> path, int depth) {
        List<Symbol> out = new ArrayList<>();
        for (YamlMapping.Entry e : map.entries()) {
            String key = e.keyText() == null ? "<key>" : e.keyText();
            YamlNode v = e.value();
            int end = Math.max(e.key().end(), v.end());
            boolean permissions = m.kind() == ManifestKind.PACK && path.isEmpty() && key.equals("permissions");
            List<Symbol> children = depth >= MAX_DEPTH ? List.of() : children(m, v, append(path, key), depth + 1, permissions);
            String detail = v instanceof YamlScalar s ? s.value() : v instanceof YamlSequence seq
                    ? seq.items().size() + (seq.items().size() == 1 ? " item" : " items") : null;
            out.add(new Symbol(key, detail, v instanceof YamlSequence ? SymbolKind.LIST
                    : v instanceof YamlMapping ? SymbolKind.KEY : SymbolKind.VALUE,
                    e.key().start(), end, e.key().start(), e.key().end(), children));
        }
        return out;
    }

    private List<Symbol> children(Manifest m, YamlNode v, List<Object> path, int depth, boolean permissions) {
        if (v instanceof YamlMapping map) {
            return entries(m, map, path, depth);
        }
        if (!(v instanceof YamlSequence seq)) {
            return List.of();
        }
        List<Symbol> out = new ArrayList<>();
        for (int i = 0; i < seq.items().size(); i++) {
            YamlNode item = seq.items().get(i);
            if (permissions && item instanceof YamlMapping p) {
                // a permission shows as its id, with its reason as detail
                YamlNode id = p.get("id");
                YamlNode reason = p.get("reason");
                String name = id instanceof YamlScalar s && !s.value().isBlank() ? s.value() : "permission " + i;
                YamlNode nameNode = id != null && id.end() > id.start() ? id : p;
                out.add(new Symbol(name, reason instanceof YamlScalar r ? r.value() : null, SymbolKind.PERMISSION,
                        item.start(), item.end(), nameNode.start(), nameNode.end(), entries(m, p, append(path, i), depth)));
            } else if (item instanceof YamlMapping map) {
                YamlNode first = map.entries().isEmpty() ? null : map.entries().get(0).value();
                String name = first instanceof YamlScalar s ? s.value() : "[" + i + "]";
                out.add(new Symbol(name, null, SymbolKind.ITEM, item.start(), item.end(), item.start(), item.end(),
                        entries(m, map, append(path, i), depth)));
            } else if (item instanceof YamlScalar s) {
                out.add(new Symbol(s.value().isEmpty() ? "\"\"" : s.value(), null, SymbolKind.VALUE, item.start(),
                        item.end(), item.start(), item.end(), List.of()));
            } else if (item instanceof YamlSequence) {
                out.add(new Symbol("[" + i + "]", null, SymbolKind.LIST, item.start(), item.end(), item.start(),
                        item.end(), children(m, item, append(path, i), depth + 1, false)));
            }
        }
        return out;
    }

    private static List<Object> append(List<Object> path, Object segment) {
        List<Object> out = new ArrayList<>(path);
        out.add(segment);
        return out;
    }

    /** A fold per block spanning several lines (from its key's line), and per run of comment lines. */
    public List<Fold> folds(Manifest m) {
        TextDocument doc = m.document();
        List<Fold> out = new ArrayList<>();
        collect(doc, m.yaml().root(), -1, out, 0);
        int runStart = -1;
        for (int line = 0; line <= doc.lineCount(); line++) {
            boolean comment = line < doc.lineCount() && doc.lineText(line).stripLeading().startsWith("#");
            if (comment && runStart < 0) {
                runStart = line;
            } else if (!comment && runStart >= 0) {
                if (line - 1 > runStart) {
                    out.add(new Fold(runStart, line - 1, true));
                }
                runStart = -1;
            }
        }
        out.sort(Comparator.comparingInt(Fold::startLine));
        return out;
    }

    private void collect(TextDocument doc, YamlNode node, int keyLine, List<Fold> out, int depth) {
        if (node == null || node instanceof YamlScalar || node instanceof YamlAlias || depth > MAX_DEPTH) {
            if (node instanceof YamlScalar s && keyLine >= 0) {
                int last = ManifestEdits.lastLine(doc, s);
                if (last > keyLine) {
                    out.add(new Fold(keyLine, last, false)); // a multi-line reason or description
                }
            }
            return;
        }
        int start = keyLine >= 0 ? keyLine : doc.positionAt(node.start()).line();
        int end = ManifestEdits.lastLine(doc, node);
        if (end > start && node.parent() != null) { // folding the root would hide the whole file
            out.add(new Fold(start, end, false));
        }
        if (node instanceof YamlMapping map) {
            for (YamlMapping.Entry e : map.entries()) {
                collect(doc, e.value(), doc.positionAt(e.key().start()).line(), out, depth + 1);
            }
        } else if (node instanceof YamlSequence seq) {
            for (YamlNode item : seq.items()) {
                collect(doc, item, -1, out, depth + 1);
            }
        }
    }

    /**
     * Selection ranges at an offset, innermost first: the scalar, its key/value entry, the
     * enclosing collection and its entry, up to the whole document.
     */
    public List<int[]> selection(Manifest m, int offset) {
        List<int[]> out = new ArrayList<>();
        YamlNode node = m.yaml().nodeAt(offset);
        for (YamlNode n = node; n != null; n = n.parent()) {
            add(out, n.start(), n.end());
            if (n.parent() instanceof YamlMapping map) {
                for (YamlMapping.Entry e : map.entries()) {
                    if (e.key() == n || e.value() == n) {
                        add(out, e.key().start(), Math.max(e.key().end(), e.value().end()));
                    }
                }
            }
        }
        add(out, 0, m.document().text().length());
        return out;
    }

    private static void add(List<int[]> out, int start, int end) {
        if (out.isEmpty() || (start <= out.get(out.size() - 1)[0] && end >= out.get(out.size() - 1)[1]
                && (start != out.get(out.size() - 1)[0] || end != out.get(out.size() - 1)[1]))) {
            out.add(new int[] {start, end});
        }
    }
}
