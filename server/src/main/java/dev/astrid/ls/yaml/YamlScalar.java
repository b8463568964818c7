package dev.astrid.ls.yaml;

import java.util.Locale;
import java.util.regex.Pattern;

/** A scalar with its raw text value and style; typing follows YAML 1.1 as PyYAML (Astrid) reads it. */
public final class YamlScalar extends YamlNode {
    public enum Style { PLAIN, SINGLE_QUOTED, DOUBLE_QUOTED, LITERAL, FOLDED }

    private static final Pattern NULL = Pattern.compile("|~|null|Null|NULL");
    private static final Pattern BOOL =
            Pattern.compile("yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF");
    private static final Pattern INT =
            Pattern.compile("[-+]?(0b[0-1_]+|0[0-7_]+|(0|[1-9][0-9_]*)|0x[0-9a-fA-F_]+|[1-9][0-9_]*(:[0-5]?[0-9])+)");
    private static final Pattern FLOAT = Pattern.compile(
            "[-+]?(([0-9][0-9_]*)?\\.[0-9_]*([eE][-+][0-9]+)?|[0-9][0-9_]*(:[0-5]?[0-9])+\\.[0-9_]*)"
                    + "|[-+]?\\.(inf|Inf|INF)|\\.(nan|NaN|NAN)");

    /** The YAML 1.1 type PyYAML would give this scalar. */
    public enum Kind { NULL, BOOL, INT, FLOAT, STRING }

    private final String value;
    private final Style style;
    private Kind kind; // computed on first use; typing is a hot path of every check

    YamlScalar(int start, int end, String tag, String value, Style style) {
        super(start, end, tag);
        this.value = value;
        this.style = style;
    }

    public String value() {
        return value;
    }

    public Style style() {
        return style;
    }

    public Kind kind() {
        Kind k = kind;
        if (k == null) {
            k = resolve();
            kind = k;
        }
        return k;
    }

    private Kind resolve() {
        String tag = tag();
        if (tag != null) {
            return switch (tag) {
                case "tag:yaml.org,2002:null" -> Kind.NULL;
                case "tag:yaml.org,2002:bool" -> Kind.BOOL;
                case "tag:yaml.org,2002:int" -> Kind.INT;
                case "tag:yaml.org,2002:float" -> Kind.FLOAT;
                default -> Kind.STRING;
            };
        }
        if (style != Style.PLAIN) {
            return Kind.STRING;
        }
        if (!value.isEmpty() && "~nNyYtTfFoO0123456789+-.".indexOf(value.charAt(0)) < 0) {
            return Kind.STRING; // no YAML 1.1 null, bool or number starts like this
        }
        if (NULL.matcher(value).matches()) {
            return Kind.NULL;
        }
        if (BOOL.matcher(value).matches()) {
            return Kind.BOOL;
        }
        if (INT.matcher(value).matches()) {
            return Kind.INT;
        }
        if (FLOAT.matcher(value).matches() && !value.equals(".") && !value.matches("[-+]?\\.")) {
            return Kind.FLOAT;
        }
        return Kind.STRING;
    }

    /** True for a YAML 1.1 boolean that reads as true: {@code true}, {@code yes}, {@code on}, any case. */
    public static boolean isTrue(YamlNode node) {
        return node instanceof YamlScalar s && s.kind() == Kind.BOOL
                && s.value().toLowerCase(Locale.ROOT).matches("true|yes|on");
    }

    public boolean isNull() {
        return kind() == Kind.NULL;
    }

    /** A string value that is blank (empty or only whitespace), or null. */
    public boolean isBlank() {
        return isNull() || (kind() == Kind.STRING && value.isBlank());
    }

    @Override
    public String toString() {
        return value;
    }
}
