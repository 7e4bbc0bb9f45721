package io.banwatch.agent.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The agent's shape, as tests: packages without cycles, one package per OS that knows no other
 * OS, one factory that picks the OS, OS commands only through the CommandRunner seam, and no
 * collector (server) code in the agent.
 */
class AgentBoundariesTest {
    private static final JavaClasses AGENT = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.banwatch.agent");
    private static final String[] OS_PACKAGES = {"io.banwatch.agent.inventory.linux..",
            "io.banwatch.agent.inventory.macos..", "io.banwatch.agent.inventory.windows.."};

    @Test
    void agentPackagesHaveNoCycles() {
        slices().matching("io.banwatch.(**)").should().beFreeOfCycles().check(AGENT);
    }

    @Test
    void noOsPackageKnowsAnother() {
        for (String os : OS_PACKAGES) {
            for (String other : OS_PACKAGES) {
                if (!os.equals(other)) {
                    noClasses().that().resideInAPackage(os).should().dependOnClassesThat().resideInAPackage(other)
                            .check(AGENT);
                }
            }
        }
    }

    @Test
    void oneFactoryPicksTheOs() {
        noClasses().that().resideOutsideOfPackages(OS_PACKAGES)
                .and().doNotHaveFullyQualifiedName("io.banwatch.agent.scan.InventorySources")
                .should().dependOnClassesThat().resideInAnyPackage(OS_PACKAGES)
                .because("InventorySources is the one place that switches on the platform")
                .check(AGENT);
    }

    @Test
    void onlyTheCommandRunnerStartsProcesses() {
        noClasses().that().doNotHaveFullyQualifiedName("io.banwatch.agent.inventory.ProcessCommandRunner")
                .should().dependOnClassesThat().haveFullyQualifiedName(ProcessBuilder.class.getName())
                .orShould().callMethod(Runtime.class, "exec", String.class)
                .because("every OS command goes through the CommandRunner seam, so tests replay recorded outputs")
                .check(AGENT);
    }

    @Test
    void theAgentNeverImportsTheCollector() {
        noClasses().should().dependOnClassesThat().resideInAPackage("io.banwatch.collector..")
                .orShould().dependOnClassesThat().resideInAnyPackage("io.javalin..", "org.eclipse.jetty..")
                .check(AGENT);
    }
}
