package dev.astrid.ls.update;

import dev.astrid.ls.yaml.YamlMapping;
import dev.astrid.ls.yaml.YamlNode;
import dev.astrid.ls.yaml.YamlScalar;
import dev.astrid.ls.yaml.YamlSequence;
import java.math.BigInteger;
import java.util.Locale;

/**
 * A YAML value as Astrid's Python code sees it after {@code yaml.safe_load}: its truthiness and
 * its {@code str()}. Astrid builds the update diff from such values ("if item.get('required')",
 * "str(item['name'])"), so the comparison must use them too.
 */
final class PyValue {
    private PyValue() {}

    static boolean isString(YamlNode node) {
        return YamlNode.deref(node) instanceof YamlScalar s && s.kind() == YamlScalar.Kind.STRING;
    }

    /** Python truthiness: None, False, 0, 0.0, "" and empty collections are false. */
    static boolean truthy(YamlNode node) {
        YamlNode n = YamlNode.deref(node);
        if (n instanceof YamlMapping m) {
            return !m.entries().isEmpty();
        }
        if (n instanceof YamlSequence s) {
            return !s.items().isEmpty();
        }
        if (!(n instanceof YamlScalar s)) {
            return false;
        }
        return switch (s.kind()) {
            case NULL -> false;
            case BOOL -> YamlScalar.isTrue(s);
            case INT -> integer(s).signum() != 0;
            case FLOAT -> floating(s) != 0.0;
            case STRING -> !s.value().isEmpty();
        };
    }

    /** Python's {@code str()} of a scalar (None, True, 16 for 0x10, 1.1 for 1.10); other nodes as written. */
    static String str(YamlNode node) {
        YamlNode n = YamlNode.deref(node);
        if (!(n instanceof YamlScalar s)) {
            return n == null ? "None" : "";
        }
        return switch (s.kind()) {
            case NULL -> "None";
            case BOOL -> YamlScalar.isTrue(s) ? "True" : "False";
            case INT -> integer(s).toString();
            case FLOAT -> floatText(floating(s));
            case STRING -> s.value();
        };
    }

    private static BigInteger integer(YamlScalar s) {
        String v = s.value().replace("_", "");
        boolean negative = v.startsWith("-");
        if (v.startsWith("-") || v.startsWith("+")) {
            v = v.substring(1);
        }
        BigInteger value;
        if (v.contains(":")) { // YAML 1.1 base 60
            value = BigInteger.ZERO;
            for (String part : v.split(":")) {
                value = value.multiply(BigInteger.valueOf(60)).add(new BigInteger(part));
            }
        } else if (v.startsWith("0x")) {
            value = new BigInteger(v.substring(2), 16);
        } else if (v.startsWith("0b")) {
            value = new BigInteger(v.substring(2), 2);
        } else if (v.length() > 1 && v.startsWith("0")) {
            value = new BigInteger(v.substring(1), 8);
        } else {
            value = new BigInteger(v);
        }
        return negative ? value.negate() : value;
    }

    private static double floating(YamlScalar s) {
        String v = s.value().replace("_", "").toLowerCase(Locale.ROOT);
        if (v.endsWith(".inf")) {
            return v.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        if (v.endsWith(".nan")) {
            return Double.NaN;
        }
        if (v.contains(":")) {
            double value = 0;
            boolean negative = v.startsWith("-");
            for (String part : v.replaceFirst("^[-+]", "").split(":")) {
                value = value * 60 + Double.parseDouble(part);
            }
            return negative ? -value : value;
        }
        return Double.parseDouble(v.endsWith(".") ? v + "0" : v);
    }

    /** Python's repr of a float for the values manifests hold (1.0, 1.1, 0.5, inf); huge ones approximately. */
    private static String floatText(double d) {
        if (Double.isNaN(d)) {
            return "nan";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "inf" : "-inf";
        }
        if (d == Math.rint(d) && Math.abs(d) < 1e16) {
            return (long) d + ".0";
        }
        return Double.toString(d).toLowerCase(Locale.ROOT);
    }
}
