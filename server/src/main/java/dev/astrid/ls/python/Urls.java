package dev.astrid.ls.python;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Hosts in URL literals. Only a string that is a URL and nothing else counts: prose that mentions one does not. */
public final class Urls {
    private static final Pattern URL = Pattern.compile(
            "(?i)(?:https?|wss?|ftp)://(?:[^/?#@\\s]*@)?(\\[[0-9a-f:.]+\\]|[^/?#:\\s]+)(?::[^/?#\\s]*)?(?:[/?#]\\S*)?");
    private static final Pattern HOST = Pattern.compile("[a-z0-9*](?:[a-z0-9*\\-]*[a-z0-9*])?(?:\\.[a-z0-9*](?:[a-z0-9*\\-]*[a-z0-9*])?)*");

    private static final Pattern EXAMPLE = Pattern.compile("(.*\\.)?example\\.(com|net|org)");

    private Urls() {}

    /**
     * The host of a string that is exactly one URL, lower case, with each f-string field as "*";
     * null when the string is not a URL, has no host, or its host is wholly computed or a reserved
     * example name ({@code example.com}, {@code *.test}, {@code *.invalid}, {@code *.example}).
     */
    public static String host(String value) {
        if (value.length() > 2048 || value.indexOf("://") < 2) {
            return null;
        }
        Matcher m = URL.matcher(value);
        if (!m.matches()) {
            return null;
        }
        String host = m.group(1).replace(PyString.FIELD, '*').toLowerCase(Locale.ROOT);
        if (host.startsWith("[")) {
            return host;
        }
        if (host.chars().allMatch(c -> c == '*' || c == '.' || c == '-') || !HOST.matcher(host).matches()
                || (!host.contains(".") && !host.equals("localhost") && !host.contains("*"))) {
            return null;
        }
        return reserved(host) ? null : host;
    }

    /** RFC 2606 and RFC 6761 names that never reach a real service. */
    private static boolean reserved(String host) {
        return EXAMPLE.matcher(host).matches() || host.endsWith(".test") || host.endsWith(".invalid")
                || host.endsWith(".example") || host.equals("example");
    }

    /** A URL as shown in a message: fields as "{…}", cut at 100 characters. */
    public static String shown(String value) {
        String s = value.replace(String.valueOf(PyString.FIELD), "{…}");
        return s.length() <= 100 ? s : s.substring(0, 99) + "…";
    }
}
