package io.banwatch.collector.software;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class SoftwareIndexWorkerTest {
    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final AtomicBoolean busy = new AtomicBoolean();
    private final SoftwareIndexWorker worker = new SoftwareIndexWorker(null, within -> {
        assertThat(within).isEqualTo(SoftwareIndexWorker.QUIET);
        return busy.get();
    }, now::get);

    private void advance(Duration d) {
        now.addAndGet(d.toNanos());
    }

    @Test
    void catchesUpSeveralBatchesATickWhileIngestIsQuiet() {
        assertThat(worker.batchesNow()).isEqualTo(SoftwareIndexWorker.QUIET_BATCHES).isGreaterThan(1);
        advance(Duration.ofMillis(250));
        assertThat(worker.batchesNow()).isEqualTo(SoftwareIndexWorker.QUIET_BATCHES);
        assertThat(worker.stopNow(0)).isFalse();
        assertThat(worker.stopNow(5)).isFalse();
    }

    @Test
    void stopsBetweenBatchesOnceIngestIsBusyAgainButAlwaysRunsTheFirst() {
        assertThat(worker.batchesNow()).isEqualTo(SoftwareIndexWorker.QUIET_BATCHES);
        busy.set(true);
        assertThat(worker.stopNow(0)).isFalse();
        assertThat(worker.stopNow(1)).isTrue();
        busy.set(false);
        assertThat(worker.stopNow(1)).isFalse();
    }

    @Test
    void stepsBackWhileIngestIsBusyButStillMovesEveryThirtySeconds() {
        busy.set(true);
        assertThat(worker.batchesNow()).isZero();
        advance(Duration.ofSeconds(29));
        assertThat(worker.batchesNow()).isZero();
        advance(Duration.ofSeconds(1));
        assertThat(worker.batchesNow()).isEqualTo(1);
        advance(Duration.ofMillis(250));
        assertThat(worker.batchesNow()).isZero();
        busy.set(false);
        assertThat(worker.batchesNow()).isEqualTo(SoftwareIndexWorker.QUIET_BATCHES);
    }
}
