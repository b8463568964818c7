package dev.astrid.ls.model;

import dev.astrid.ls.text.TextDocument;
import dev.astrid.ls.yaml.YamlDocument;
import dev.astrid.ls.yaml.YamlMapping;
import dev.astrid.ls.yaml.YamlNode;
import dev.astrid.ls.yaml.YamlParser;
import dev.astrid.ls.yaml.YamlScalar;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * One parsed manifest: the text snapshot, its kind and its YAML tree. {@code notRead} says why a
 * file with a manifest's name was not read at all (then the text is empty), else it is null.
 */
public record Manifest(TextDocument document, ManifestKind kind, YamlDocument yaml, String notRead) {
    public Manifest(TextDocument document, ManifestKind kind, YamlDocument yaml) {
        this(document, kind, yaml, null);
    }

    /** A file that has a manifest's name but could not be read, and why ("a symbolic link"). */
    public static Manifest notRead(String uri, ManifestKind kind, String why) {
        return new Manifest(new TextDocument(uri, 0, ""), kind, YamlDocument.skipped(null, 0), why);
    }

    /** A pack id, and each part of a component id: Astrid's identifier pattern. */
    public static final Pattern ID = Pattern.compile("[a-z][a-z0-9_]*");

    public static boolean isId(String s) {
        return ID.matcher(s).matches();
    }

    public static Manifest parse(TextDocument document, ManifestKind kind) {
        return new Manifest(document, kind, YamlParser.parse(document.text()));
    }

    /** The manifest of an edited text, from this one's tree where the edit allows (see {@link YamlParser}). */
    public Manifest edited(TextDocument next) {
        return notRead != null ? parse(next, kind) : new Manifest(next, kind, YamlParser.parse(next.text(), document.text(), yaml));
    }

    public YamlMapping root() {
        return yaml.rootMapping();
    }

    /** The top-level value for a key, or null. */
    public YamlNode get(String key) {
        YamlMapping root = root();
        return root == null ? null : root.get(key);
    }

    /**
     * The schema_version as an integer; null when absent or not a whole number. A whole float
     * such as {@code 1.0} counts (Astrid's v1 validator takes it as 1; {@link
     * dev.astrid.ls.rules.SchemaVersionRule} reports the float where the canonical loader refuses it).
     */
    public Integer schemaVersion() {
        if (get("schema_version") instanceof YamlScalar s
                && (s.kind() == YamlScalar.Kind.INT || s.kind() == YamlScalar.Kind.FLOAT)) {
            try {
                String v = s.value().replace("_", "");
                return s.kind() == YamlScalar.Kind.INT ? Integer.valueOf(v)
                        : new java.math.BigDecimal(v).intValueExact();
            } catch (NumberFormatException | ArithmeticException e) {
                return null;
            }
        }
        return null;
    }

    /** The name of the folder holding the manifest, or null when the URI has none. */
    public String folderName() {
        String uri = document.uri().replace('\\', '/');
        int slash = uri.lastIndexOf('/');
        if (slash <= 0) {
            return null;
        }
        int prev = uri.lastIndexOf('/', slash - 1);
        String folder = uri.substring(prev + 1, slash);
        return folder.isEmpty() || folder.endsWith(":") ? null : URLDecoder.decode(folder, StandardCharsets.UTF_8);
    }
}
