package dev.astrid.ls.model;

import java.util.Locale;
import java.util.Optional;

/** The four manifest kinds, recognised by file name alone; any other file is not a manifest. */
public enum ManifestKind {
    PACK("pack"),
    EXECUTOR("executor"),
    ORCHESTRATOR("orchestrator"),
    ELEMENT("element");

    private final String baseName;

    ManifestKind(String baseName) {
        this.baseName = baseName;
    }

    public String baseName() {
        return baseName;
    }

    /** Accepts a URI or a path; looks only at the last segment. */
    public static Optional<ManifestKind> of(String uriOrPath) {
        String name = uriOrPath.substring(uriOrPath.replace('\\', '/').lastIndexOf('/') + 1);
        int dot = name.lastIndexOf('.');
        if (dot < 0) {
            return Optional.empty();
        }
        String ext = name.substring(dot + 1).toLowerCase(Locale.ROOT);
        if (!ext.equals("yaml") && !ext.equals("yml") && !ext.equals("json")) {
            return Optional.empty();
        }
        String base = name.substring(0, dot);
        for (ManifestKind kind : values()) {
            if (kind.baseName.equals(base)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }
}
