package dev.astrid.ls.model;

import java.util.Optional;

/**
 * The four manifest kinds, recognised by file name alone; any other file is not a manifest. Names
 * are exact and lowercase, as Astrid (case-sensitive) looks them up: {@code pack.YAML} is not one.
 */
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

    /**
     * Accepts a URI or a path; looks only at the last segment (a folder's URI ends with a slash: a
     * folder named like a manifest is recognised, to be reported as not a file).
     */
    public static Optional<ManifestKind> of(String uriOrPath) {
        String trimmed = uriOrPath.endsWith("/") ? uriOrPath.substring(0, uriOrPath.length() - 1) : uriOrPath;
        String name = trimmed.substring(trimmed.replace('\\', '/').lastIndexOf('/') + 1);
        int dot = name.lastIndexOf('.');
        if (dot < 0) {
            return Optional.empty();
        }
        String ext = name.substring(dot + 1);
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
