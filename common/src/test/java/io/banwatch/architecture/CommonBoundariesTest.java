package io.banwatch.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * common is what the agent and the collector share: the model, the codec, the rule engine. It
 * must stay free of anything that ties it to one side: no OS access, no processes, no HTTP, and
 * no package of it may need one that needs it back.
 */
class CommonBoundariesTest {
    private static final JavaClasses COMMON = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.banwatch");

    @Test
    void commonHasNoPackageCycles() {
        slices().matching("io.banwatch.(*)..").should().beFreeOfCycles().check(COMMON);
    }

    @Test
    void commonRunsNoProcessesAndSpeaksNoHttp() {
        noClasses().should().dependOnClassesThat().haveFullyQualifiedName(ProcessBuilder.class.getName())
                .orShould().dependOnClassesThat().haveFullyQualifiedName(Process.class.getName())
                .orShould().callMethod(Runtime.class, "exec", String.class)
                .orShould().dependOnClassesThat().resideInAnyPackage("java.net.http..", "io.javalin..",
                        "org.eclipse.jetty..", "jakarta.servlet..", "javax.servlet..")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.net.HttpURLConnection")
                .because("common is shared by the agent and the collector; OS and network code belongs to one of them")
                .check(COMMON);
    }

    @Test
    void commonKnowsNoOperatingSystemNorEitherSide() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("oshi..", "com.sun.jna..",
                        "com.dd.plist..", "io.banwatch.agent..", "io.banwatch.collector..")
                .because("OS code lives in the agent's inventory packages, one per OS")
                .check(COMMON);
    }
}
