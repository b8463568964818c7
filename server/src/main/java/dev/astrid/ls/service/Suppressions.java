package dev.astrid.ls.service;

import dev.astrid.ls.core.Diagnostic;
import dev.astrid.ls.model.SuppressionComments;
import dev.astrid.ls.text.TextDocument;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Comments that silence diagnostics by rule code: {@code # astrid-ls: disable-next-line <code>[, <code>]}
 * for the next line with content, {@code # astrid-ls: disable-file <code>[, <code>]} for the whole
 * file. With no code they silence every code. A misspelt comment silences nothing (and is reported).
 */
final class Suppressions {
    private static final String ALL = "*";

    private final Set<String> file = new HashSet<>();
    private final Map<Integer, Set<String>> lines = new HashMap<>();

    private Suppressions() {}

    static Suppressions of(TextDocument doc) {
        Suppressions s = new Suppressions();
        for (SuppressionComments.Comment c : SuppressionComments.of(doc)) {
            Set<String> codes = new HashSet<>();
            c.codes().forEach(w -> codes.add(w.text()));
            if (codes.isEmpty()) {
                codes.add(ALL);
            }
            if (c.directive().text().equals(SuppressionComments.FILE)) {
                s.file.addAll(codes);
            } else if (c.directive().text().equals(SuppressionComments.NEXT_LINE)) {
                s.lines.computeIfAbsent(nextContentLine(doc, c.line() + 1), k -> new HashSet<>()).addAll(codes);
            }
        }
        return s;
    }

    private static int nextContentLine(TextDocument doc, int from) {
        for (int l = from; l < doc.lineCount(); l++) {
            String t = doc.lineText(l).trim();
            if (!t.isEmpty() && !t.startsWith("#")) {
                return l;
            }
        }
        return from;
    }

    /** False when a comment silences this diagnostic. */
    boolean shows(Diagnostic d) {
        if (file.isEmpty() && lines.isEmpty()) {
            return true;
        }
        Set<String> here = lines.getOrDefault(d.range().start().line(), Set.of());
        String code = d.code().id();
        return !(file.contains(ALL) || file.contains(code) || here.contains(ALL) || here.contains(code));
    }
}
