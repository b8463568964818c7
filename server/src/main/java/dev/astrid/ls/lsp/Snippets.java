package dev.astrid.ls.lsp;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** For clients without snippet support: the plain text a snippet would first produce. */
final class Snippets {
    private static final Pattern CHOICE = Pattern.compile("\\$\\{\\d+\\|([^,|]*)[^}]*\\|}");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{\\d+:([^}]*)}");
    private static final Pattern TABSTOP = Pattern.compile("\\$\\d+|\\$\\{\\d+}");

    private Snippets() {}

    static String toPlainText(String snippet) {
        String s = CHOICE.matcher(snippet).replaceAll(r -> Matcher.quoteReplacement(r.group(1)));
        s = PLACEHOLDER.matcher(s).replaceAll(r -> Matcher.quoteReplacement(r.group(1)));
        return TABSTOP.matcher(s).replaceAll("");
    }
}
