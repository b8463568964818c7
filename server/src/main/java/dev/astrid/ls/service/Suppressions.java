package dev.astrid.ls.service;

import dev.astrid.ls.core.Diagnostic;
import dev.astrid.ls.text.TextDocument;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Comments that silence diagnostics by rule code: {@code # astrid-ls: disable-next-line <code>[, <code>]}
 * for the next line with content, {@code # astrid-ls: disable-file <code>[, <code>]} for the whole
 * file. With no code they silence every code.
 */
public final class Suppressions {
    public static final String PREFIX = "# astrid-ls: ";
    private static final Pattern DIRECTIVE =
            Pattern.compile("^\\s*#\\s*astrid-ls:\\s*(disable-next-line|disable-file)\\b([^#]*)");
    private static final String ALL = "*";

    private final Set<String> file = new HashSet<>();
    private final Map<Integer, Set<String>> lines = new HashMap<>();

    private Suppressions() {}

    public static Suppressions of(TextDocument doc) {
        Suppressions s = new Suppressions();
        if (doc.text().indexOf("astrid-ls:") < 0) {
            return s;
        }
        for (int line = 0; line < doc.lineCount(); line++) {
            Matcher m = DIRECTIVE.matcher(doc.lineText(line));
            if (!m.find()) {
                continue;
            }
            Set<String> codes = new HashSet<>();
            for (String c : m.group(2).split("[,\\s]+")) {
                if (!c.isBlank()) {
                    codes.add(c.trim());
                }
            }
            if (codes.isEmpty()) {
                codes.add(ALL);
            }
            if (m.group(1).equals("disable-file")) {
                s.file.addAll(codes);
            } else {
                int target = nextContentLine(doc, line + 1);
                s.lines.computeIfAbsent(target, k -> new HashSet<>()).addAll(codes);
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

    public List<Diagnostic> filter(List<Diagnostic> diagnostics) {
        if (file.isEmpty() && lines.isEmpty()) {
            return diagnostics;
        }
        List<Diagnostic> out = new ArrayList<>();
        for (Diagnostic d : diagnostics) {
            Set<String> here = lines.getOrDefault(d.range().start().line(), Set.of());
            boolean off = file.contains(ALL) || file.contains(d.code().id()) || here.contains(ALL) || here.contains(d.code().id());
            if (!off) {
                out.add(d);
            }
        }
        return out;
    }
}
