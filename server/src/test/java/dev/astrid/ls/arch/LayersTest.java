package dev.astrid.ls.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.ObjectMapper;

/**
 * The layers, checked on the compiled product classes: no package depends on itself through
 * another (so the protocol-free service never reaches back into its callers), and only the LSP
 * adapter knows LSP4J.
 */
class LayersTest {
    static final JavaClasses PRODUCT = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.astrid.ls");

    @Test
    void noPackageCycles() {
        slices().matching("dev.astrid.ls.(*)..").should().beFreeOfCycles().check(PRODUCT);
    }

    @Test
    void onlyTheAdapterSpeaksLsp4j() {
        noClasses().that().resideOutsideOfPackage("dev.astrid.ls.lsp..")
                .should().dependOnClassesThat().resideInAnyPackage("org.eclipse.lsp4j..", "com.google.gson..")
                .check(PRODUCT);
    }

    @Test
    void theLanguageServiceKnowsNothingOfItsCallers() {
        noClasses().that().resideInAnyPackage("dev.astrid.ls.core..", "dev.astrid.ls.text..", "dev.astrid.ls.yaml..",
                        "dev.astrid.ls.model..", "dev.astrid.ls.workspace..", "dev.astrid.ls.schema..",
                        "dev.astrid.ls.edit..", "dev.astrid.ls.rules..", "dev.astrid.ls.service..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.astrid.ls.lsp..", "dev.astrid.ls.cli..",
                        "picocli..")
                .check(PRODUCT);
    }

    /**
     * A Jackson mapper's classes cost about 140 ms of the editor's first check (schemas and pack
     * JSON are read by JsonText instead); the CLI, which prints JSON, may build one.
     */
    @Test
    void onlyTheCliBuildsAJacksonMapper() {
        noClasses().that().resideOutsideOfPackage("dev.astrid.ls.cli..")
                .should().dependOnClassesThat().areAssignableTo(ObjectMapper.class)
                .check(PRODUCT);
    }
}
