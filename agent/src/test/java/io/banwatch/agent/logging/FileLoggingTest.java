package io.banwatch.agent.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.rolling.FixedWindowRollingPolicy;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeBasedTriggeringPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The agent's logging as the commands that talk to the collector set it up: the rolling file at the
 * configured level, stderr at warnings. Works on the process's real logback context and puts it back.
 */
class FileLoggingTest {
    @TempDir
    Path dir;

    private final LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    private final Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    private final Logger log = context.getLogger("io.banwatch.agent.logging.FileLoggingTest");
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    private PrintStream realStderr;
    private Level levelBefore;
    private boolean stderrFilteredBefore;

    @BeforeEach
    void captureStderr() {
        levelBefore = root.getLevel();
        Appender<ILoggingEvent> console = root.getAppender(StderrLogging.APPENDER);
        assertThat(console).as("StderrLogging configured logback").isNotNull();
        stderrFilteredBefore = !console.getCopyOfAttachedFiltersList().isEmpty();
        realStderr = System.err;
        // logback's System.err target looks System.err up at each write, so this catches the appender's output.
        System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        System.setErr(realStderr);
        for (RollingFileAppender<ILoggingEvent> file : fileAppendersIn(dir)) {
            root.detachAppender(file);
            file.stop();
        }
        root.setLevel(levelBefore);
        if (!stderrFilteredBefore) {
            root.getAppender(StderrLogging.APPENDER).clearAllFilters();
        }
    }

    private List<RollingFileAppender<ILoggingEvent>> fileAppendersIn(Path logDir) {
        List<RollingFileAppender<ILoggingEvent>> out = new ArrayList<>();
        for (Iterator<Appender<ILoggingEvent>> it = root.iteratorForAppenders(); it.hasNext(); ) {
            if (it.next() instanceof RollingFileAppender<ILoggingEvent> f && f.getFile().startsWith(logDir.toString())) {
                out.add(f);
            }
        }
        return out;
    }

    private String stderrText() {
        return stderr.toString(StandardCharsets.UTF_8);
    }

    @Test
    void warningsReachStderrAndTheFileWhileInfoReachesOnlyTheFile() throws IOException {
        assertThat(FileLogging.enable(dir, "info")).isTrue();
        log.debug("debug line 7f3a");
        log.info("info line 7f3a");
        log.warn("warn line 7f3a");
        log.error("error line 7f3a");
        assertThat(stderrText()).contains("banwatch: WARN warn line 7f3a", "banwatch: ERROR error line 7f3a")
                .doesNotContain("info line 7f3a").doesNotContain("debug line 7f3a");
        String file = Files.readString(dir.resolve("banwatch.log"));
        assertThat(file).contains(" INFO ", "info line 7f3a", " WARN ", "warn line 7f3a", "error line 7f3a")
                .doesNotContain("debug line 7f3a");
    }

    @Test
    void debugGoesToTheFileButNeverToStderr() throws IOException {
        assertThat(FileLogging.enable(dir, "debug")).isTrue();
        log.debug("debug line 9c1e");
        log.info("info line 9c1e");
        assertThat(Files.readString(dir.resolve("banwatch.log"))).contains("debug line 9c1e", "info line 9c1e");
        assertThat(stderrText()).doesNotContain("9c1e");
    }

    @Test
    void atWarnTheFileKeepsOnlyWarnings() throws IOException {
        assertThat(FileLogging.enable(dir, "warn")).isTrue();
        log.info("info line 2b4d");
        log.warn("warn line 2b4d");
        assertThat(Files.readString(dir.resolve("banwatch.log"))).contains("warn line 2b4d").doesNotContain("info line");
    }

    @Test
    void theFileRollsAtTenMegabytesKeepingFiveOldFiles() throws IOException {
        assertThat(FileLogging.enable(dir, "info")).isTrue();
        RollingFileAppender<ILoggingEvent> file = fileAppendersIn(dir).get(0);
        assertThat(file.isStarted()).isTrue();
        assertThat(file.getFile()).isEqualTo(dir.resolve("banwatch.log").toString());
        SizeBasedTriggeringPolicy<ILoggingEvent> trigger = (SizeBasedTriggeringPolicy<ILoggingEvent>) file.getTriggeringPolicy();
        assertThat(trigger.getMaxFileSize().getSize()).isEqualTo(10L * 1024 * 1024);
        FixedWindowRollingPolicy rolling = (FixedWindowRollingPolicy) file.getRollingPolicy();
        assertThat(rolling.getFileNamePattern()).isEqualTo(dir.resolve("banwatch.%i.log").toString());
        assertThat(rolling.getMinIndex()).isEqualTo(1);
        assertThat(rolling.getMaxIndex()).isEqualTo(5);

        // Roll seven times (what passing the size does): five old files stay, the oldest go.
        for (int i = 1; i <= 7; i++) {
            log.warn("generation {}", i);
            file.rollover();
        }
        log.warn("generation 8");
        assertThat(Files.readString(dir.resolve("banwatch.log"))).contains("generation 8").doesNotContain("generation 7");
        for (int i = 1; i <= 5; i++) {
            assertThat(Files.readString(dir.resolve("banwatch." + i + ".log"))).contains("generation " + (8 - i));
        }
        assertThat(dir.resolve("banwatch.6.log")).doesNotExist();
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("banwatch.log",
                    "banwatch.1.log", "banwatch.2.log", "banwatch.3.log", "banwatch.4.log", "banwatch.5.log");
        }
    }

    @Test
    void aLogDirectoryThatCannotBeMadeChangesNothing() throws IOException {
        Path notADirectory = Files.writeString(dir.resolve("plain-file"), "x");
        Level before = root.getLevel();
        assertThat(FileLogging.enable(notADirectory.resolve("logs"), "debug")).isFalse();
        assertThat(root.getLevel()).isEqualTo(before);
        assertThat(fileAppendersIn(dir)).isEmpty();
    }
}
