package io.banwatch.collector.demo;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

/**
 * The demo collector's clock, which can be wound back while the demo replays its fleet's past.
 * A collector takes a host's last-seen time, its history and the chart from when a report
 * arrives, not from the scan time the report claims; so to show hosts that stopped reporting
 * days ago, and Kaspersky removed last month, each simulated report is sent with the clock set
 * to just after its scan, oldest first, and the clock then catches up with the real time.
 */
public final class ReplayClock extends Clock {
    private final Clock real;
    private volatile Duration behind = Duration.ZERO;

    public ReplayClock(Clock real) {
        this.real = real;
    }

    /** From now on, the time is {@code at} (and goes on from there); a time not in the past is now. */
    public void windBackTo(Instant at) {
        Duration d = Duration.between(at, real.instant());
        behind = d.isNegative() ? Duration.ZERO : d;
    }

    /** Back to the real time. */
    public void catchUp() {
        behind = Duration.ZERO;
    }

    @Override
    public Instant instant() {
        return real.instant().minus(behind);
    }

    @Override
    public long millis() {
        return instant().toEpochMilli();
    }

    @Override
    public ZoneId getZone() {
        return real.getZone();
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the demo's clock stays in " + real.getZone());
    }
}
