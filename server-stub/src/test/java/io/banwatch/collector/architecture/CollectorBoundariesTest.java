package io.banwatch.collector.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The collector's shape, as tests: feature packages without cycles (http holds only the
 * primitives the features share; the root package wires them), and nothing of the agent.
 */
class CollectorBoundariesTest {
    private static final JavaClasses COLLECTOR = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.banwatch.collector");

    @Test
    void collectorPackagesHaveNoCycles() {
        slices().matching("io.banwatch.collector.(*)..").should().beFreeOfCycles().check(COLLECTOR);
    }

    @Test
    void onlyTheRootPackageWiresTheFeatures() {
        noClasses().that().resideInAnyPackage("io.banwatch.collector.(*)..")
                .should().dependOnClassesThat().resideInAPackage("io.banwatch.collector")
                .because("the root package (CollectorServer, Routes, CollectorMain) wires the feature packages,"
                        + " so none of them may reach back into it")
                .check(COLLECTOR);
    }

    @Test
    void theCollectorNeverImportsTheAgent() {
        noClasses().should().dependOnClassesThat().resideInAPackage("io.banwatch.agent..")
                .orShould().dependOnClassesThat().resideInAnyPackage("oshi..", "com.sun.jna..")
                .check(COLLECTOR);
    }
}
