package io.banwatch.packaging;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The Windows scheduled task definition that install.ps1 registers. */
class WindowsTaskXmlTest {
    static final String NS = "http://schemas.microsoft.com/windows/2004/02/mit/task";
    static Element task;

    @BeforeAll
    static void parse() throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        // Well-formed or this throws; no DTD or external entity is fetched.
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Document doc = factory.newDocumentBuilder().parse(Build.src().resolve("windows/banwatch-scan-task.xml").toFile());
        task = doc.getDocumentElement();
    }

    @Test
    void isATaskSchedulerTask() {
        assertThat(task.getNamespaceURI()).isEqualTo(NS);
        assertThat(task.getLocalName()).isEqualTo("Task");
        assertThat(text(task, "URI")).isEqualTo("\\banwatch\\banwatch-scan");
    }

    @Test
    void runsDailyWithARandomDelay() {
        List<Element> triggers = children(only(task, "Triggers"));
        assertThat(triggers).hasSize(1);
        Element trigger = triggers.get(0);
        assertThat(trigger.getLocalName()).isEqualTo("CalendarTrigger");
        assertThat(text(trigger, "DaysInterval")).isEqualTo("1");
        // Local time (no zone), so every machine scans in its own morning.
        assertThat(LocalDateTime.parse(text(trigger, "StartBoundary")).getHour()).isBetween(8, 12);
        assertThat(Duration.parse(text(trigger, "RandomDelay"))).isEqualTo(Duration.ofHours(4));
        assertThat(text(trigger, "Enabled")).isEqualTo("true");
    }

    @Test
    void runsAsLocalSystemWhetherOrNotAUserIsLoggedOn() {
        List<Element> principals = children(only(task, "Principals"));
        assertThat(principals).hasSize(1);
        Element principal = principals.get(0);
        assertThat(text(principal, "UserId")).isEqualTo("S-1-5-18");
        assertThat(text(principal, "RunLevel")).isEqualTo("HighestAvailable");
        // No LogonType: for S-1-5-18 Task Scheduler uses the service-account logon; an
        // InteractiveToken would run only while someone is logged on.
        assertThat(principal.getElementsByTagNameNS(NS, "LogonType").getLength()).isZero();
        assertThat(principal.getAttribute("id")).isEqualTo(only(task, "Actions").getAttribute("Context"));
    }

    @Test
    void catchesUpMissedRunsAndNeverOverlaps() {
        Element settings = only(task, "Settings");
        assertThat(text(settings, "StartWhenAvailable")).isEqualTo("true");
        assertThat(text(settings, "MultipleInstancesPolicy")).isEqualTo("IgnoreNew");
        assertThat(text(settings, "DisallowStartIfOnBatteries")).isEqualTo("false");
        assertThat(text(settings, "StopIfGoingOnBatteries")).isEqualTo("false");
        Duration limit = Duration.parse(text(settings, "ExecutionTimeLimit"));
        assertThat(limit).isPositive().isLessThanOrEqualTo(Duration.ofHours(2));
        assertThat(text(settings, "Enabled")).isEqualTo("true");
    }

    @Test
    void runsTheLauncherWithScanSend() {
        List<Element> actions = children(only(task, "Actions"));
        assertThat(actions).hasSize(1);
        Element exec = actions.get(0);
        assertThat(exec.getLocalName()).isEqualTo("Exec");
        assertThat(text(exec, "Command")).isEqualTo("%ProgramFiles%\\banwatch\\bin\\banwatch.cmd");
        assertThat(text(exec, "Arguments").trim().split("\\s+")).containsExactly("scan", "--send");
        assertThat(text(exec, "WorkingDirectory")).isEqualTo("%ProgramData%\\banwatch");
    }

    static Element only(Element parent, String name) {
        NodeList list = parent.getElementsByTagNameNS(NS, name);
        assertThat(list.getLength()).as("number of <%s>", name).isEqualTo(1);
        return (Element) list.item(0);
    }

    static String text(Element parent, String name) {
        return only(parent, name).getTextContent().trim();
    }

    static List<Element> children(Element parent) {
        List<Element> out = new ArrayList<>();
        for (var n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                out.add(e);
            }
        }
        return out;
    }
}
