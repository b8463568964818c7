package dev.astrid.ls.service;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * Where the user docs are, for links in hovers, in each diagnostic's codeDescription and in SARIF:
 * the folder given by {@code -Dastrid.docs=<dir>} (the VS Code extension bundles its pages), else
 * the public pages under the project's {@code <url>} in the parent pom, so that a link never points
 * at a path on the machine that built the jar.
 */
public final class Docs {
    private static final String BASE = locate();

    private Docs() {}

    public static String rule(String code) {
        return BASE + "rules/" + code + ".md";
    }

    public static String page(String name) {
        return BASE + name;
    }

    /** The public docs base, as the build wrote it from the pom. */
    static String publicBase() {
        try (InputStream in = Docs.class.getResourceAsStream("/astrid-pack-ls.properties")) {
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("docs.base");
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("astrid-pack-ls.properties is missing from the build", e);
        }
    }

    private static String locate() {
        String configured = System.getProperty("astrid.docs");
        if (configured != null && Files.isDirectory(Path.of(configured))) {
            String uri = Path.of(configured).toAbsolutePath().normalize().toUri().toString();
            return uri.endsWith("/") ? uri : uri + "/";
        }
        return publicBase();
    }
}
