package dev.astrid.ls.service;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the user docs are, for links in hovers and in each diagnostic's codeDescription: the
 * folder given by {@code -Dastrid.docs=<dir>} (the VS Code extension bundles one), else a
 * {@code docs/} folder beside or above the jar (a build from a checkout), else the project site.
 */
public final class Docs {
    static final String PUBLIC_BASE = "https://github.com/astrid-pack-ls/astrid-pack-ls/blob/main/docs/";

    private static final String BASE = locate();

    private Docs() {}

    public static String rule(String code) {
        return BASE + "rules/" + code + ".md";
    }

    public static String page(String name) {
        return BASE + name;
    }

    private static String locate() {
        String configured = System.getProperty("astrid.docs");
        if (configured != null && Files.isDirectory(Path.of(configured))) {
            return asBase(Path.of(configured));
        }
        try {
            Path here = Path.of(Docs.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            for (Path dir = here; dir != null; dir = dir.getParent()) {
                Path docs = dir.resolve("docs");
                if (Files.isDirectory(docs.resolve("rules")) && Files.isRegularFile(docs.resolve("permissions.md"))) {
                    return asBase(docs);
                }
            }
        } catch (URISyntaxException | RuntimeException e) {
            // no code source on disk: fall through to the public pages
        }
        return PUBLIC_BASE;
    }

    private static String asBase(Path dir) {
        String uri = dir.toAbsolutePath().normalize().toUri().toString();
        return uri.endsWith("/") ? uri : uri + "/";
    }
}
