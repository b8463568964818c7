package dev.astrid.ls.rules;

import dev.astrid.ls.edit.Edit;
import dev.astrid.ls.edit.ManifestEdits;
import dev.astrid.ls.model.Manifest;
import dev.astrid.ls.text.TextDocument;
import dev.astrid.ls.yaml.YamlMapping;
import dev.astrid.ls.yaml.YamlNode;
import dev.astrid.ls.yaml.YamlScalar;
import dev.astrid.ls.yaml.YamlSequence;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Folds what one permission item says into another of the same id, so that a fix never loses a
 * word of disclosure: reasons and access are joined, services unioned, and comments carried over
 * as comment lines above the item they now belong to.
 */
final class PermissionMerge {
    private PermissionMerge() {}

    /** Whether {@code source} says anything {@code target} does not. */
    static boolean addsSomething(YamlMapping target, YamlMapping source, List<String> comments) {
        return !joined(text(target, "reason"), text(source, "reason")).equals(orEmpty(text(target, "reason")))
                || !joined(text(target, "access"), text(source, "access")).equals(orEmpty(text(target, "access")))
                || !missingServices(target, source).isEmpty()
                || !comments.isEmpty();
    }

    /**
     * Edits to {@code pack} (which holds {@code target}) that add to it what {@code source} says,
     * {@code comments} (the source's) becoming comment lines above the target in block YAML.
     */
    static List<Edit> into(Manifest pack, YamlMapping target, YamlMapping source, List<String> comments) {
        List<Edit> edits = new ArrayList<>();
        if (!comments.isEmpty() && !ManifestEdits.isJson(pack) && !target.isFlow()) {
            int line = pack.document().positionAt(target.start()).line();
            edits.add(ManifestEdits.lineAbove(pack, line, String.join("\n" + indentOf(pack, line), comments)));
        }
        List<ManifestEdits.Field> added = new ArrayList<>();
        for (String key : List.of("reason", "access")) {
            String before = text(target, key);
            String after = joined(before, text(source, key));
            if (after.equals(orEmpty(before))) {
                continue;
            }
            YamlMapping.Entry e = target.entry(key);
            if (e != null) {
                edits.add(ManifestEdits.replaceValue(pack, e, ManifestEdits.scalar(pack, after)));
            } else {
                added.add(new ManifestEdits.Field(key, new ManifestEdits.Text(after)));
            }
        }
        List<String> services = missingServices(target, source);
        if (!services.isEmpty()) {
            if (target.get("services") instanceof YamlSequence seq) {
                edits.add(ManifestEdits.appendToList(pack, seq, services));
            } else {
                added.add(new ManifestEdits.Field("services", new ManifestEdits.Texts(services)));
            }
        }
        if (!added.isEmpty()) {
            edits.add(ManifestEdits.addEntries(pack, target, added));
        }
        return edits;
    }

    /** Comments of a span, carried over when its text is not: "# why" from each line that has one. */
    static List<String> comments(TextDocument doc, int start, int end) {
        List<String> out = new ArrayList<>();
        String text = doc.text();
        for (int line = doc.positionAt(start).line(); line <= doc.positionAt(end).line(); line++) {
            int from = Math.max(start, doc.lineStart(line));
            int to = Math.min(end, doc.lineEnd(line));
            int hash = commentStart(text, doc.lineStart(line), from, to);
            if (hash >= 0) {
                out.add(text.substring(hash, doc.lineEnd(line)).strip());
            }
        }
        return out;
    }

    /** Where a YAML comment starts on a line (a # after a blank, outside quotes), or -1. */
    private static int commentStart(String text, int lineStart, int from, int to) {
        char quote = 0;
        for (int i = lineStart; i < to; i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
            } else if ((c == '"' || c == '\'') && (i == lineStart || " [{,:".indexOf(text.charAt(i - 1)) >= 0)) {
                quote = c;
            } else if (c == '#' && i >= from && (i == lineStart || Character.isWhitespace(text.charAt(i - 1)))) {
                return i;
            }
        }
        return -1;
    }

    private static String indentOf(Manifest m, int line) {
        String t = m.document().lineText(line);
        return t.substring(0, t.length() - t.stripLeading().length());
    }

    private static List<String> missingServices(YamlMapping target, YamlMapping source) {
        List<String> have = strings(target.get("services"));
        List<String> out = new ArrayList<>();
        for (String s : strings(source.get("services"))) {
            if (!have.contains(s) && !out.contains(s)) {
                out.add(s);
            }
        }
        return out;
    }

    private static List<String> strings(YamlNode node) {
        List<String> out = new ArrayList<>();
        if (node instanceof YamlSequence seq) {
            for (YamlNode item : seq.items()) {
                if (YamlNode.deref(item) instanceof YamlScalar s && !s.isBlank()) {
                    out.add(s.value().strip());
                }
            }
        } else if (node instanceof YamlScalar s && !s.isBlank()) {
            out.add(s.value().strip());
        }
        return out;
    }

    private static String text(YamlMapping item, String key) {
        return item.get(key) instanceof YamlScalar s && !s.isBlank() ? s.value().strip() : null;
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    /** Both texts, the second left out when the first already says it. */
    static String joined(String first, String second) {
        if (second == null || normal(orEmpty(first)).contains(normal(second))) {
            return orEmpty(first);
        }
        if (first == null) {
            return second;
        }
        return first.replaceAll("[.;\\s]+$", "") + "; " + second;
    }

    private static String normal(String s) {
        return s.toLowerCase(Locale.ROOT).replaceAll("[\\s.;,]+", " ").strip();
    }
}
