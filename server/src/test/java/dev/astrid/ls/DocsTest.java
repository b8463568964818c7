package dev.astrid.ls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.astrid.ls.rules.Code;
import dev.astrid.ls.rules.Rules;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every diagnostic code has its page, and every page belongs to a code. */
class DocsTest {
    static final Path RULES = Path.of("../docs/rules");

    @Test
    void everyCodeHasADocsPageWithTheRequiredSections() throws IOException {
        for (Code code : Rules.allCodes()) {
            Path page = RULES.resolve(code.id() + ".md");
            assertTrue(Files.isRegularFile(page), "missing docs page " + page);
            String text = Files.readString(page);
            assertTrue(text.startsWith("# `" + code.id() + "`"), page + " starts with its code as title");
            for (String section : List.of("## What it means", "## Why it matters", "## How to fix", "## Example")) {
                assertTrue(text.contains(section), page + " has '" + section + "'");
            }
            assertTrue(text.toLowerCase().contains("**default severity:** " + code.defaultSeverity().label()),
                    page + " states the default severity " + code.defaultSeverity().label());
        }
    }

    @Test
    void everyCodeIsProducedBySomeTest() throws IOException {
        StringBuilder tests = new StringBuilder();
        try (Stream<Path> files = Files.walk(Path.of("src/test/java"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                tests.append(Files.readString(f));
            }
        }
        for (Code code : Rules.allCodes()) {
            assertTrue(tests.indexOf("\"" + code.id() + "\"") >= 0 || tests.indexOf(code.id() + "@") >= 0,
                    code.id() + " is asserted by no test");
        }
    }

    @Test
    void everyPageBelongsToACodeAndCodesAreUnique() throws IOException {
        Set<String> codes = new HashSet<>();
        for (Code c : Rules.allCodes()) {
            assertTrue(codes.add(c.id()), "duplicate code " + c.id());
            assertTrue(c.id().matches("[a-z]+(-[a-z]+)+"), "kebab-case: " + c.id());
        }
        try (Stream<Path> pages = Files.list(RULES)) {
            Set<String> documented = new HashSet<>(pages.map(p -> p.getFileName().toString().replaceAll("\\.md$", ""))
                    .toList());
            assertEquals(codes, documented);
        }
    }
}
