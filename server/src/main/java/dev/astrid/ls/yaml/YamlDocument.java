package dev.astrid.ls.yaml;

import java.util.List;

/**
 * The result of a tolerant parse: the tree (null for an empty document), the syntax errors, the
 * offsets where extra documents start (a manifest is a single document), and, when the text was
 * not parsed at all because it is beyond a limit, which limit (else null) and the measure found.
 */
public record YamlDocument(YamlNode root, List<SyntaxError> errors, List<Integer> extraDocuments, Limit skipped,
                           int measure, boolean hasAliases) {

    /** Limits that keep hostile input cheap; see {@link YamlParser}. */
    public enum Limit { SIZE, DEPTH }

    public YamlDocument(YamlNode root, List<SyntaxError> errors, List<Integer> extraDocuments) {
        this(root, errors, extraDocuments, null, 0, false);
    }

    /** A text not parsed because it is beyond a limit. */
    public static YamlDocument skipped(Limit limit, int measure) {
        return new YamlDocument(null, List.of(), List.of(), limit, measure, false);
    }

    /** A syntax error over the text span that caused it. */
    public record SyntaxError(String message, int start, int end) {}

    public YamlMapping rootMapping() {
        return root instanceof YamlMapping m ? m : null;
    }

    /** The deepest node whose span contains the offset (keys included), or null. */
    public YamlNode nodeAt(int offset) {
        YamlNode found = null;
        YamlNode current = root;
        while (current != null && current.contains(offset)) {
            found = current;
            YamlNode next = null;
            if (current instanceof YamlMapping m) {
                for (YamlMapping.Entry e : m.entries()) {
                    if (e.key().contains(offset)) {
                        next = e.key();
                        break;
                    }
                    if (e.value().contains(offset)) {
                        next = e.value();
                        break;
                    }
                }
            } else if (current instanceof YamlSequence s) {
                for (YamlNode item : s.items()) {
                    if (item.contains(offset)) {
                        next = item;
                        break;
                    }
                }
            }
            current = next;
        }
        return found;
    }
}
