package io.banwatch.agent.send;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

class RetryAfterTest {
    private final Clock clock = Clock.fixed(Instant.parse("2026-11-24T12:00:00Z"), ZoneOffset.UTC);

    @Test
    void readsSecondsAndHttpDates() {
        assertThat(RetryAfter.millis("120", clock)).isEqualTo(120_000);
        assertThat(RetryAfter.millis(" 0 ", clock)).isZero();
        assertThat(RetryAfter.millis("Tue, 24 Nov 2026 12:00:30 GMT", clock)).isEqualTo(30_000);
        assertThat(RetryAfter.millis("Tue, 24 Nov 2026 11:00:00 GMT", clock)).isZero();
    }

    @Test
    void ignoresWhatItCannotRead() {
        assertThat(RetryAfter.millis(null, clock)).isEqualTo(-1);
        assertThat(RetryAfter.millis("soon", clock)).isEqualTo(-1);
        assertThat(RetryAfter.millis("-5", clock)).isEqualTo(-1);
    }
}
