package dev.astrid.ls.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Docs links point at the public pages the parent pom names, never at files of the build machine. */
class DocsLinksTest {
    @Test
    void linksComeFromThePomUrlAndAreNeverFileUris() throws Exception {
        Matcher url = Pattern.compile("<url>([^<]+)</url>").matcher(Files.readString(Path.of("../pom.xml")));
        assertTrue(url.find(), "the parent pom has a <url>");
        assertEquals(url.group(1) + "/blob/main/docs/rules/yaml-syntax.md", Docs.rule("yaml-syntax"));
        assertTrue(Docs.page("permissions.md").startsWith("https://"), Docs.page("permissions.md"));
    }
}
