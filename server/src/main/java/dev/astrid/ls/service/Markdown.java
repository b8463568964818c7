package dev.astrid.ls.service;

import dev.astrid.ls.model.Strings;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Manifest text inside hover Markdown, written so that it can never leave its span: a pack's
 * name, reason or key is untrusted, and a stray backtick or bracket would otherwise let it
 * render its own Markdown (a fake "verified" line, a remote image fetched on hover).
 */
final class Markdown {
    private static final Pattern BACKTICKS = Pattern.compile("`+");
    private static final Pattern SPECIAL = Pattern.compile("[\\\\`*_\\[\\]<>!|~]");

    private Markdown() {}

    /** An inline code span that holds the text whatever backticks it contains. */
    static String code(String text) {
        String flat = Strings.printable(text);
        String fence = "`".repeat(longestRun(flat) + 1);
        String pad = flat.startsWith("`") || flat.endsWith("`") || flat.isBlank() ? " " : "";
        return fence + pad + flat + pad + fence;
    }

    /** A fenced code block that holds the text whatever fences it contains. */
    static String block(String text, String info) {
        String fence = "`".repeat(Math.max(3, longestRun(text) + 1));
        return fence + info + "\n" + text + (text.endsWith("\n") ? "" : "\n") + fence;
    }

    /**
     * A link: the text escaped, and the target (a URI this server built) with every character that
     * could end it or start Markdown percent-encoded, so a file name cannot close the link early.
     */
    static String link(String text, String target) {
        StringBuilder t = new StringBuilder();
        for (char c : target.toCharArray()) {
            if (c <= ' ' || "()<>\\".indexOf(c) >= 0) {
                t.append(String.format("%%%02X", (int) c));
            } else {
                t.append(c);
            }
        }
        return "[" + text(text) + "](" + t + ")";
    }

    /** Plain text with the characters that could end its span or start Markdown or HTML escaped (link text, say). */
    static String text(String text) {
        return SPECIAL.matcher(Strings.printable(text)).replaceAll(m -> Matcher.quoteReplacement("\\" + m.group()));
    }

    private static int longestRun(String text) {
        int longest = 0;
        Matcher m = BACKTICKS.matcher(text);
        while (m.find()) {
            longest = Math.max(longest, m.group().length());
        }
        return longest;
    }
}
