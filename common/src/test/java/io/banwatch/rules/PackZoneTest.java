package io.banwatch.rules;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** PackZone must agree with ZoneId.of on which ids exist and on the date they give. */
class PackZoneTest {
    private static final List<Instant> INSTANTS = List.of(
            Instant.parse("2024-09-29T03:59:59Z"), Instant.parse("2024-09-29T04:00:00Z"),
            Instant.parse("2024-03-10T06:59:59Z"), Instant.parse("2024-03-10T07:00:00Z"),
            Instant.parse("2024-11-03T04:30:00Z"), Instant.parse("2024-11-03T05:30:00Z"),
            Instant.parse("2024-01-01T00:00:00Z"), Instant.parse("2024-06-30T23:59:59Z"),
            Instant.parse("1969-12-31T23:00:00Z"), Instant.parse("2041-07-01T03:30:00Z"),
            Instant.parse("2099-12-31T12:00:00Z"));

    @Test
    void newYorkDayStartsAtLocalMidnightInDaylightTime() {
        PackZone ny = PackZone.of("America/New_York");
        assertThat(ny.today(Clock.fixed(Instant.parse("2024-09-29T03:59:59Z"), ZoneOffset.UTC)))
                .isEqualTo(LocalDate.of(2024, 9, 28));
        assertThat(ny.today(Clock.fixed(Instant.parse("2024-09-29T04:00:00Z"), ZoneOffset.UTC)))
                .isEqualTo(LocalDate.of(2024, 9, 29));
        // Standard time: midnight is 05:00 UTC.
        assertThat(ny.today(Clock.fixed(Instant.parse("2024-12-01T04:59:59Z"), ZoneOffset.UTC)))
                .isEqualTo(LocalDate.of(2024, 11, 30));
        assertThat(ny.today(Clock.fixed(Instant.parse("2024-12-01T05:00:00Z"), ZoneOffset.UTC)))
                .isEqualTo(LocalDate.of(2024, 12, 1));
    }

    @Test
    void everyZoneIdRegionGivesTheSameDateAsJavaTime() {
        for (String id : new TreeSet<>(ZoneId.getAvailableZoneIds())) {
            PackZone zone = PackZone.of(id);
            for (Instant at : INSTANTS) {
                Clock clock = Clock.fixed(at, ZoneOffset.UTC);
                assertThat(zone.today(clock)).as(id + " at " + at).isEqualTo(LocalDate.now(clock.withZone(ZoneId.of(id))));
            }
            assertThat(zone.zoneId()).isEqualTo(ZoneId.of(id));
        }
    }

    @Test
    void acceptsExactlyWhatZoneIdAccepts() {
        Set<String> ids = new TreeSet<>(Set.of(java.util.TimeZone.getAvailableIDs()));
        ids.addAll(ZoneId.SHORT_IDS.keySet());
        ids.addAll(List.of("Mars/Olympus", "GMT", "UTC", "UT", "Z", "+05:00", "UTC+01:00", "GMT-3", "UT+2",
                "GMT0", "america/new_york", "America/New_York ", "", "SystemV/EST5"));
        for (String id : ids) {
            boolean zoneIdAccepts;
            try {
                ZoneId.of(id);
                zoneIdAccepts = true;
            } catch (DateTimeException e) {
                zoneIdAccepts = false;
            }
            if (zoneIdAccepts) {
                Clock clock = Clock.fixed(Instant.parse("2024-09-29T03:59:59Z"), ZoneOffset.UTC);
                assertThat(PackZone.of(id).today(clock)).as(id).isEqualTo(LocalDate.now(clock.withZone(ZoneId.of(id))));
            } else {
                assertThatThrownBy(() -> PackZone.of(id)).as(id).isInstanceOf(DateTimeException.class);
            }
        }
    }
}
