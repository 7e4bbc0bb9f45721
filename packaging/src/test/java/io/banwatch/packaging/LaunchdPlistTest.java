package io.banwatch.packaging;

import com.dd.plist.NSArray;
import com.dd.plist.NSDictionary;
import com.dd.plist.NSNumber;
import com.dd.plist.NSObject;
import com.dd.plist.PropertyListParser;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/** The macOS LaunchDaemon that install.sh loads. */
class LaunchdPlistTest {
    static NSDictionary plist;

    @BeforeAll
    static void parse() throws Exception {
        plist = (NSDictionary) PropertyListParser.parse(Build.src().resolve("macos/io.banwatch.scan.plist").toFile());
    }

    @Test
    void labelMatchesTheFileName() {
        assertThat(plist.objectForKey("Label").toJavaObject()).isEqualTo("io.banwatch.scan");
    }

    @Test
    void runsTheRandomDelayWrapperWithScanSend() {
        NSObject[] args = ((NSArray) plist.objectForKey("ProgramArguments")).getArray();
        assertThat(Arrays.stream(args).map(NSObject::toJavaObject))
                .containsExactly("/Library/banwatch/bin/banwatch-scheduled", "scan", "--send");
    }

    @Test
    void runsDailyAtAFixedTime() {
        // A dictionary (not an array of them) with only Hour and Minute: once a day.
        NSDictionary when = (NSDictionary) plist.objectForKey("StartCalendarInterval");
        assertThat(when.allKeys()).containsExactlyInAnyOrder("Hour", "Minute");
        assertThat(((NSNumber) when.objectForKey("Hour")).intValue()).isBetween(0, 23);
        assertThat(((NSNumber) when.objectForKey("Minute")).intValue()).isBetween(0, 59);
    }

    @Test
    void runsAsRootFromTheSystemDomainWhetherOrNotAnyoneIsLoggedIn() throws Exception {
        // A LaunchDaemon with no UserName runs as root; a LaunchAgent (per user) would need a login.
        assertThat(plist.containsKey("UserName")).isFalse();
        assertThat(plist.containsKey("GroupName")).isFalse();
        assertThat(plist.containsKey("LimitLoadToSessionType")).isFalse();
        assertThat(java.nio.file.Files.readString(Build.src().resolve("macos/install.sh")))
                .contains("plist=/Library/LaunchDaemons/$label.plist")
                .contains("launchctl bootstrap system");
    }

    @Test
    void aMissedRunHappensAtWake() {
        // launchd runs a StartCalendarInterval job missed during sleep once at wake; a StartInterval
        // job would simply skip it, and a WatchPaths or StartOnMount trigger is no schedule.
        assertThat(plist.containsKey("StartCalendarInterval")).isTrue();
        assertThat(plist.containsKey("StartInterval")).isFalse();
        assertThat(plist.objectForKey("StartCalendarInterval")).isInstanceOf(NSDictionary.class);
    }

    @Test
    void doesNotRunAtLoadOrKeepAlive() {
        assertThat(((NSNumber) plist.objectForKey("RunAtLoad")).boolValue()).isFalse();
        assertThat(plist.containsKey("KeepAlive")).isFalse();
    }

    @Test
    void logsUnderLibraryLogs() {
        assertThat(plist.objectForKey("StandardErrorPath").toJavaObject()).isEqualTo("/Library/Logs/banwatch/scan.log");
        assertThat(plist.objectForKey("StandardOutPath").toJavaObject()).isEqualTo("/Library/Logs/banwatch/scan.log");
        assertThat(plist.objectForKey("WorkingDirectory").toJavaObject()).isEqualTo("/Library/Application Support/banwatch");
    }
}
