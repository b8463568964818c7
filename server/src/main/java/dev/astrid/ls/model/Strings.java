package dev.astrid.ls.model;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Small string helpers for "did you mean" suggestions. */
public final class Strings {
    private Strings() {}

    /** A value as quoted in a message: long ones are cut, so one huge scalar cannot flood the client. */
    public static String shorten(String value) {
        return value.length() <= 80 ? value : value.substring(0, 77) + "…";
    }

    /**
     * The text with every character that could move the cursor, hide text or forge a line shown as
     * an escape ({@code \n}, {@code \u001b}, {@code \u202e}…): for terminals, logs and hovers, where
     * manifest text is untrusted.
     */
    public static String printable(String text) {
        StringBuilder sb = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String escape = switch (c) {
                case '\n' -> "\\n";
                case '\r' -> "\\r";
                case '\t' -> "\\t";
                default -> Character.isISOControl(c) || (c >= '\u202a' && c <= '\u202e') || (c >= '\u2066' && c <= '\u2069')
                        || c == '\u2028' || c == '\u2029' || c == '\u200e' || c == '\u200f' || c == '\u061c'
                        ? String.format("\\u%04x", (int) c) : null;
            };
            if (escape != null && sb == null) {
                sb = new StringBuilder(text.length() + 8).append(text, 0, i);
            }
            if (sb != null) {
                if (escape != null) {
                    sb.append(escape);
                } else {
                    sb.append(c);
                }
            }
        }
        return sb == null ? text : sb.toString();
    }

    /**
     * True when every character is one Python's {@code str.isspace()} accepts, which is how
     * Astrid tests for blank text ({@code .strip()}, the pattern {@code \S}): unlike Java's
     * {@link String#isBlank()}, a no-break space (U+00A0, U+202F, U+2007) counts as blank, and U+200B does not.
     */
    public static boolean isPythonBlank(String text) {
        return text.chars().allMatch(Strings::isPythonSpace);
    }

    /** Python's {@code str.strip()}: the white space {@link #isPythonBlank} counts, off both ends. */
    public static String pythonStrip(String text) {
        int from = 0;
        int to = text.length();
        while (from < to && isPythonSpace(text.charAt(from))) {
            from++;
        }
        while (to > from && isPythonSpace(text.charAt(to - 1))) {
            to--;
        }
        return text.substring(from, to);
    }

    private static boolean isPythonSpace(int c) {
        return (c >= 0x09 && c <= 0x0d) || (c >= 0x1c && c <= 0x20) || c == 0x85 || c == 0xa0 || c == 0x1680
                || (c >= 0x2000 && c <= 0x200a) || c == 0x2028 || c == 0x2029 || c == 0x202f || c == 0x205f || c == 0x3000;
    }

    /**
     * True when a string fails Astrid's one-line pattern {@code ^.*\S.*$} read the Python way
     * ({@code re.search}: {@code .} stops at a line feed, {@code $} also matches before one final
     * line feed) because of a line break, not because it is blank.
     */
    public static boolean isMultiLine(String text) {
        int lf = text.indexOf('\n');
        return lf >= 0 && lf != text.length() - 1;
    }

    /** "a", "a and b", "a, b and c". */
    public static String joinAnd(List<String> items) {
        if (items.size() <= 1) {
            return String.join("", items);
        }
        return String.join(", ", items.subList(0, items.size() - 1)) + " and " + items.get(items.size() - 1);
    }

    /** Levenshtein distance. */
    public static int editDistance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    /** The closest candidate within a distance that scales with length, ignoring case. */
    public static Optional<String> closest(String word, Collection<String> candidates) {
        if (word.length() > 64) {
            return Optional.empty(); // nothing that long is a typo of a key
        }
        String w = word.toLowerCase(Locale.ROOT);
        return candidates.stream()
                .filter(c -> distance(w, c) <= Math.max(1, Math.min(3, c.length() / 3))
                        || (w.length() >= 3 && (c.startsWith(w) || w.startsWith(c))))
                .min(Comparator.comparingInt(c -> distance(w, c)));
    }

    /**
     * True when {@code meant} is what {@code typed} was plainly meant to be: the same word but for
     * case and separators, or a typo (one edit in a short word, two in a longer one). A fix that
     * only undoes a slip is safe to apply without looking.
     */
    public static boolean isSlip(String typed, String meant) {
        String a = typed.strip().toLowerCase(Locale.ROOT).replace('-', '_').replace(' ', '_');
        String b = meant.toLowerCase(Locale.ROOT);
        if (a.replace("_", "").equals(b.replace("_", ""))) {
            return true;
        }
        return a.length() <= 64 && editDistance(a, b) <= (b.length() <= 4 ? 1 : 2);
    }

    private static int distance(String lowerWord, String candidate) {
        return editDistance(lowerWord, candidate.toLowerCase(Locale.ROOT));
    }
}
