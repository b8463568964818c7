package dev.astrid.ls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.astrid.ls.core.Code;
import dev.astrid.ls.rules.Rules;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/** Every diagnostic code has its page, and every page belongs to a code. */
@Order(Integer.MAX_VALUE)
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

    /**
     * Every code was reported at least once during this test run (this class runs last; see
     * junit-platform.properties). Meaningful only when the whole suite ran, so skipped under -Dtest.
     */
    @Test
    void everyCodeIsReportedBySomeTest() {
        String filter = System.getProperty("astrid.testFilter", "");
        assumeTrue(filter.isEmpty() || filter.startsWith("${"), "only a part of the suite ran (-Dtest=" + filter + ")");
        List<String> never = Rules.allCodes().stream().filter(c -> !Reported.seen(c)).map(Code::id).toList();
        assertEquals(List.of(), never, "codes no test saw reported");
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
