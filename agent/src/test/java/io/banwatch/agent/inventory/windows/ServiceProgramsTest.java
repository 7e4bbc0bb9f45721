package io.banwatch.agent.inventory.windows;

import io.banwatch.model.Evidence;
import io.banwatch.model.EvidenceKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class ServiceProgramsTest {
    private static final Function<String, String> ENV = Map.of("SystemRoot", "C:\\WINDOWS")::get;
    private static final Function<String, String> ENV_32_BIT_JVM = Map.of("SystemRoot", "C:\\WINDOWS",
            "PROCESSOR_ARCHITEW6432", "AMD64")::get;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
            "\"C:\\Program Files (x86)\\Kaspersky Lab\\KES.12.6.0\\avp.exe\" -r | C:\\Program Files (x86)\\Kaspersky Lab\\KES.12.6.0\\avp.exe",
            "\"C:\\Program Files (x86)\\Google\\Update\\GoogleUpdate.exe\" /svc | C:\\Program Files (x86)\\Google\\Update\\GoogleUpdate.exe",
            "C:\\WINDOWS\\system32\\svchost.exe -k netsvcs -p | C:\\WINDOWS\\system32\\svchost.exe",
            "C:\\Program Files\\Some Vendor\\agent.EXE --service | C:\\Program Files\\Some Vendor\\agent.EXE",
            "%SystemRoot%\\System32\\spoolsv.exe | C:\\WINDOWS\\System32\\spoolsv.exe",
            "\\??\\C:\\WINDOWS\\system32\\drivers\\klif.sys | C:\\WINDOWS\\system32\\drivers\\klif.sys",
            "system32\\DRIVERS\\klif.sys | -",
            "%ProgramFiles%\\Vendor\\x.exe | -",
            "\"C:\\unterminated | -",
            "- | -",
    })
    void readsTheProgramFromAServiceCommandLine(String commandLine, String program) {
        assertThat(ServicePrograms.program(commandLine, ENV)).isEqualTo(program);
    }

    @Test
    void aThirtyTwoBitAgentLooksInSysnativeForTheRealSystem32() {
        assertThat(ServicePrograms.program("C:\\WINDOWS\\system32\\svchost.exe -k netsvcs", ENV_32_BIT_JVM))
                .isEqualTo("C:\\WINDOWS\\Sysnative\\svchost.exe");
        assertThat(ServicePrograms.program("\"C:\\Program Files (x86)\\Kaspersky Lab\\avp.exe\"", ENV_32_BIT_JVM))
                .isEqualTo("C:\\Program Files (x86)\\Kaspersky Lab\\avp.exe");
    }

    @Test
    void onlyStoppedAutoStartServicesAreCheckedAndSayWhetherTheirProgramIsThere() {
        List<Evidence> services = List.of(
                service("AVP.KES.21.9", "\"C:\\Kaspersky\\avp.exe\" -r", "Stopped Auto"),
                service("gupdate", "\"C:\\Google\\GoogleUpdate.exe\" /svc", "Stopped Auto"),
                service("klnagent", "\"C:\\Kaspersky\\klnagent.exe\"", "Running Auto"),
                service("AppXSvc", "C:\\WINDOWS\\system32\\svchost.exe -k wsappx", "Stopped Disabled"),
                service("odd", "relative\\path.exe", "Stopped Auto"));
        List<String> asked = new ArrayList<>();

        List<Evidence> checked = ServicePrograms.checkPrograms(services,
                path -> asked.add(path) && path.contains("Google"), ENV);

        assertThat(asked).containsExactly("C:\\Kaspersky\\avp.exe", "C:\\Google\\GoogleUpdate.exe");
        assertThat(checked).extracting(Evidence::name, Evidence::detail).containsExactly(
                tuple("AVP.KES.21.9", "Stopped Auto, program missing"),
                tuple("gupdate", "Stopped Auto, program present"),
                tuple("klnagent", "Running Auto"),
                tuple("AppXSvc", "Stopped Disabled"),
                tuple("odd", "Stopped Auto"));
    }

    @Test
    void aCheckThatFailsLeavesTheServiceAsItWas() {
        List<Evidence> services = List.of(service("AVP.KES.21.9", "\"C:\\Kaspersky\\avp.exe\" -r", "Stopped Auto"));
        assertThat(ServicePrograms.checkPrograms(services, path -> {
            throw new SecurityException("denied");
        }, ENV)).isEqualTo(services);
    }

    private static Evidence service(String name, String commandLine, String state) {
        return new Evidence(EvidenceKind.SERVICE, "windows-services", name, commandLine, state);
    }
}
