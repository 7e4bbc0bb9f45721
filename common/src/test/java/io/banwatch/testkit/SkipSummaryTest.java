package io.banwatch.testkit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherFactory;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder.request;

class SkipSummaryTest {
    @Test
    void oneLineCountsTheSkippedTestsByReason() {
        assertThat(run(Mixed.class, Off.class)).isEqualTo("banwatch-tests: 4 of 5 tests skipped: 2 no PostgreSQL: pass the"
                + " flags; 1 not today; 1 whole class off\n");
    }

    @Test
    void aRunWithoutSkipsSaysNothing() {
        assertThat(run(AllRun.class)).isEmpty();
    }

    @Test
    void oneSkippedTestOfOne() {
        assertThat(run(Off.class)).isEqualTo("banwatch-tests: 1 of 1 test skipped: 1 whole class off\n");
    }

    private static String run(Class<?>... tests) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        LauncherFactory.create(LauncherConfig.builder().enableTestExecutionListenerAutoRegistration(false).build())
                .execute(request().selectors(java.util.Arrays.stream(tests).map(c -> selectClass(c)).toList()).build(),
                        new SkipSummary(out));
        return bytes.toString(StandardCharsets.UTF_8).replace("\r\n", "\n");
    }

    // Sample tests run by the launcher above, never by the build itself (no *Test name).
    static class Mixed {
        @Test
        void runs() {
        }

        @Test
        void needsPostgres() {
            Assumptions.abort("no PostgreSQL: pass the flags");
        }

        @Test
        void needsPostgresToo() {
            Assumptions.abort("no PostgreSQL:   pass the\nflags");
        }

        @Test
        @Disabled("not today")
        void disabled() {
        }
    }

    @Disabled("whole class off")
    static class Off {
        @Test
        void one() {
        }
    }

    static class AllRun {
        @Test
        void runs() {
        }
    }
}
