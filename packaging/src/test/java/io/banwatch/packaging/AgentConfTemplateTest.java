package io.banwatch.packaging;

import org.junit.jupiter.api.Test;

import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/** The agent.conf template that every package and install script ships. */
class AgentConfTemplateTest {

    @Test
    void hasEveryKeyWithTheAgreedDefaults() throws Exception {
        Properties conf = new Properties();
        try (Reader in = Files.newBufferedReader(Build.src().resolve("common/agent.conf"), StandardCharsets.UTF_8)) {
            conf.load(in);
        }
        assertThat(conf.stringPropertyNames()).containsExactlyInAnyOrder(
                "collector.url", "enrollment.secret", "profile", "proxy", "tls.ca-file", "tls.pin-sha256",
                "spool.max-reports", "spool.max-bytes", "log.level", "schedule.window-minutes");
        assertThat(Map.copyOf(conf)).contains(
                Map.entry("profile", "us-private"),
                Map.entry("spool.max-reports", "500"),
                Map.entry("spool.max-bytes", "268435456"),
                Map.entry("log.level", "info"),
                Map.entry("schedule.window-minutes", "240"),
                // Site-specific: empty until the admin fills them in.
                Map.entry("collector.url", ""),
                Map.entry("enrollment.secret", ""));
    }

    @Test
    void everyKeyIsExplainedByAComment() throws Exception {
        var lines = Files.readAllLines(Build.src().resolve("common/agent.conf"));
        for (int i = 0; i < lines.size(); i++) {
            if (isKey(lines.get(i))) {
                // Above a key (or a group of keys on consecutive lines) stands a comment.
                int j = i - 1;
                while (j >= 0 && isKey(lines.get(j))) {
                    j--;
                }
                assertThat(j >= 0 && lines.get(j).startsWith("#"))
                        .as("a comment explains line %d: %s", i + 1, lines.get(i)).isTrue();
            }
        }
    }

    private static boolean isKey(String line) {
        return !line.isBlank() && !line.startsWith("#");
    }
}
