package io.banwatch.collector.ingest;

import io.banwatch.collector.http.ApiError;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Which {@code scannedAt} a report may carry. It becomes the host's last scan and orders the
 * host's reports (an older one does not rewind the host), so a wrong clock must not store a scan
 * "in 9999" that no later report can ever follow.
 *
 * <ul>
 *   <li>Not more than {@link #AHEAD} after the collector's clock: agents' clocks drift by seconds
 *       or minutes, and a day also covers a machine whose clock is set to local time as if it were
 *       UTC (at most 14 hours off), but not a wrong year or a wrong month.</li>
 *   <li>Not before {@link #EARLIEST}: no ban milestone (the first, BOD 17-01, is of September 2017)
 *       and no banwatch scan is older, and a clock reset to 1970 or to a firmware default date
 *       lands before it.</li>
 * </ul>
 */
final class ScanTimeBounds {
    static final Instant EARLIEST = Instant.parse("2017-01-01T00:00:00Z");
    static final Duration AHEAD = Duration.ofDays(1);

    private final Clock clock;

    ScanTimeBounds(Clock clock) {
        this.clock = clock;
    }

    /** @throws ApiError 400 naming {@code scannedAt} when it is out of bounds */
    void check(Instant scannedAt) {
        if (scannedAt.isBefore(EARLIEST)) {
            throw ApiError.badRequest("invalid_report", "scannedAt: " + scannedAt + " is before " + EARLIEST
                    + ", earlier than any banwatch scan; check the host's clock");
        }
        Instant now = clock.instant();
        if (scannedAt.isAfter(now.plus(AHEAD))) {
            throw ApiError.badRequest("invalid_report", "scannedAt: " + scannedAt + " is more than a day after the"
                    + " collector's clock (" + now + "); check the host's clock");
        }
    }
}
