package io.banwatch.rules;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.TimeZone;
import java.util.regex.Pattern;

/**
 * The time zone a pack's dates are in: what "today" is for its milestones.
 *
 * <p>A region id ({@code America/New_York}) is looked up with {@link TimeZone} instead of
 * {@link ZoneId#of}: both read the JDK's tzdb.dat, so the rules (DST included) are the same, but
 * {@code ZoneId.of} first initialises {@code ZoneRulesProvider}, whose {@code ServiceLoader} opens
 * every jar on the class path looking for other providers (13 jars, ~5,000 entries, ~4 % of a
 * scan's CPU). The ids accepted are those {@code ZoneId.of} accepts: an id {@link TimeZone} knows
 * only as a legacy three-letter alias (the keys of {@link ZoneId#SHORT_IDS}: {@code PST},
 * {@code EST}...) is rejected like before, and anything that is
 * not a plain region id (offsets such as {@code +05:00}, {@code UTC+1}) still goes to
 * {@code ZoneId.of}, which needs no provider for them.
 */
final class PackZone {
    /** Region ids as ZoneId.of parses them; "UTC", "GMT", "UT" prefixes are offsets there. */
    private static final Pattern REGION = Pattern.compile("[A-Za-z][A-Za-z0-9~/._+-]+");

    private final String id;
    private final TimeZone region;
    private final ZoneId other;

    private PackZone(String id, TimeZone region, ZoneId other) {
        this.id = id;
        this.region = region;
        this.other = other;
    }

    /** The zone named {@code id}; throws DateTimeException where {@code ZoneId.of(id)} would. */
    static PackZone of(String id) {
        if (isRegionId(id)) {
            TimeZone tz = TimeZone.getTimeZone(id);
            // An unknown id comes back as "GMT"; a legacy short id is not a ZoneId region.
            if (!tz.getID().equals(id) || ZoneId.SHORT_IDS.containsKey(id)) {
                throw new DateTimeException("Unknown time-zone ID: " + id);
            }
            return new PackZone(id, tz, null);
        }
        return new PackZone(id, null, ZoneId.of(id));
    }

    private static boolean isRegionId(String id) {
        return REGION.matcher(id).matches() && !id.equals("GMT") && !id.equals("UTC") && !id.equals("UT")
                && !id.startsWith("GMT+") && !id.startsWith("GMT-") && !id.startsWith("UTC+")
                && !id.startsWith("UTC-") && !id.startsWith("UT+") && !id.startsWith("UT-")
                && !id.startsWith("GMT0") && !id.startsWith("Etc/") && !id.startsWith("SystemV/");
    }

    /** The id as the pack wrote it. */
    String id() {
        return id;
    }

    /** The date in this zone at the clock's instant. */
    LocalDate today(Clock clock) {
        if (other != null) {
            return LocalDate.now(clock.withZone(other));
        }
        long millis = clock.millis();
        return LocalDate.ofEpochDay(Math.floorDiv(millis + region.getOffset(millis), 86_400_000L));
    }

    /** As a ZoneId (initialises java.time's zone providers; not on a scan's path). */
    ZoneId zoneId() {
        return other != null ? other : ZoneId.of(id);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PackZone z && z.id.equals(id);
    }

    @Override
    public int hashCode() {
        return id.hashCode();
    }

    @Override
    public String toString() {
        return id;
    }
}
