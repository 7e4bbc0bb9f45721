package io.banwatch.agent.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.filter.ThresholdFilter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.rolling.FixedWindowRollingPolicy;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeBasedTriggeringPolicy;
import ch.qos.logback.core.util.FileSize;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Adds the rolling log file (banwatch.log, 5 × 10 MB in the OS's log directory) at the configured
 * level, keeping stderr at warnings. Used by the commands that talk to the collector; a plain
 * {@code scan} stays off the disk.
 */
public final class FileLogging {
    private FileLogging() {
    }

    /** Returns false (and changes nothing) when the directory cannot be written, e.g. as a normal user. */
    public static boolean enable(Path logDir, String level) {
        try {
            Files.createDirectories(logDir);
            if (!Files.isWritable(logDir)) {
                return false;
            }
        } catch (IOException | SecurityException e) {
            return false;
        }
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return false;
        }
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        Level threshold = Level.toLevel(level, Level.INFO);
        root.setLevel(Level.DEBUG.isGreaterOrEqual(threshold) ? Level.DEBUG : threshold);

        Appender<ILoggingEvent> stderr = root.getAppender(StderrLogging.APPENDER);
        if (stderr != null && stderr.getCopyOfAttachedFiltersList().isEmpty()) {
            ThresholdFilter warn = new ThresholdFilter();
            warn.setLevel("WARN");
            warn.start();
            stderr.addFilter(warn);
        }

        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level %logger{20} - %msg%n");
        encoder.start();
        RollingFileAppender<ILoggingEvent> file = new RollingFileAppender<>();
        file.setContext(context);
        file.setName("file");
        file.setFile(logDir.resolve("banwatch.log").toString());
        FixedWindowRollingPolicy rolling = new FixedWindowRollingPolicy();
        rolling.setContext(context);
        rolling.setParent(file);
        rolling.setFileNamePattern(logDir.resolve("banwatch.%i.log").toString());
        rolling.setMinIndex(1);
        rolling.setMaxIndex(5);
        rolling.start();
        SizeBasedTriggeringPolicy<ILoggingEvent> trigger = new SizeBasedTriggeringPolicy<>();
        trigger.setContext(context);
        trigger.setMaxFileSize(FileSize.valueOf("10MB"));
        trigger.start();
        file.setRollingPolicy(rolling);
        file.setTriggeringPolicy(trigger);
        file.setEncoder(encoder);
        ThresholdFilter fileLevel = new ThresholdFilter();
        fileLevel.setLevel(threshold.levelStr);
        fileLevel.start();
        file.addFilter(fileLevel);
        file.start();
        root.addAppender(file);
        return true;
    }
}
