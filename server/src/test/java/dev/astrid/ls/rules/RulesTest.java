package dev.astrid.ls.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** A rule runs when its class exists: the registration is the class's own annotation, never a list. */
class RulesTest {
    @Test
    void everyRuleClassOfTheProductRuns() {
        Set<String> classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.astrid.ls").stream()
                .filter(c -> c.isAssignableTo(Rule.class) && !c.isInterface() && !c.getModifiers().contains(JavaModifier.ABSTRACT))
                .map(c -> c.getName()).collect(Collectors.toSet());
        Set<String> running = Rules.ALL.stream().map(r -> r.getClass().getName()).collect(Collectors.toSet());
        assertEquals(classes, running);
    }
}
