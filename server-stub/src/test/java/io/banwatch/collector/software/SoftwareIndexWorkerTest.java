package io.banwatch.collector.software;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class SoftwareIndexWorkerTest {
    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final AtomicBoolean busy = new AtomicBoolean();
    private final SoftwareIndexWorker worker = new SoftwareIndexWorker(null, quiet -> {
        assertThat(quiet).isEqualTo(SoftwareIndexWorker.QUIET);
        return busy.get();
    }, now::get);

    private void advance(Duration d) {
        now.addAndGet(d.toNanos());
    }

    @Test
    void indexesOnEveryTickWhileIngestIsQuiet() {
        assertThat(worker.shouldRun()).isTrue();
        advance(Duration.ofMillis(250));
        assertThat(worker.shouldRun()).isTrue();
    }

    @Test
    void stepsBackWhileIngestIsBusyButStillMovesEveryThirtySeconds() {
        busy.set(true);
        assertThat(worker.shouldRun()).isFalse();
        advance(Duration.ofSeconds(29));
        assertThat(worker.shouldRun()).isFalse();
        advance(Duration.ofSeconds(1));
        assertThat(worker.shouldRun()).isTrue();
        advance(Duration.ofMillis(250));
        assertThat(worker.shouldRun()).isFalse();
        busy.set(false);
        assertThat(worker.shouldRun()).isTrue();
    }
}
