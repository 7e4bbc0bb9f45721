package io.banwatch.collector.api;

import io.banwatch.rules.PackInfo;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * What an audit report holds, section by section, handed to a renderer (HTML, PDF) as it is read,
 * so a large fleet's report is written as it goes rather than built in memory first.
 */
public final class AuditReport {
    private AuditReport() {
    }

    /** The note under a list that stopped at its limit: how many it left out, and where they all are. */
    public static String notListed(long count, String what) {
        return count + " more " + what + " are not listed here, to keep this report a size one can print and file; the"
                + " totals count them, and the exports (hosts.csv, findings.csv, findings.json, with the same profile)"
                + " list every one.";
    }

    /**
     * The report's head: what it covers, who made it, the packs, and the fleet's totals.
     *
     * @param profile          the profile it covers, or null for all
     * @param asOf             the day it describes (its end, UTC)
     * @param periodFrom       the first day of the period retirements are listed for
     * @param generatedAt      when it was made (ISO-8601)
     * @param generatedBy      the name of the token that made it
     * @param packsInForce     the rule packs (and catalog) the collector judges with now
     * @param packsThatJudged  the packs that judged the stored findings of the hosts covered
     * @param maxListed        at most this many hosts are listed in each section
     */
    public record Header(String profile, LocalDate asOf, LocalDate periodFrom, String generatedAt, String generatedBy,
                         int staleDays, List<PackInfo> packsInForce, List<JudgingPack> packsThatJudged, Totals totals,
                         int maxListed) {
    }

    /**
     * A pack as recorded on findings.
     *
     * @param id       null for findings stored before packs were recorded
     * @param findings how many of the covered hosts' findings it judged
     */
    public record JudgingPack(String id, String version, String sha256, long findings) {
    }

    /**
     * The fleet in service on the as-of date, under the profile.
     *
     * @param byLevel        hosts by their standing on that day, most serious first
     * @param notCompliant   hosts whose standing was VIOLATION, DEADLINE, RISK or INCOMPLETE
     * @param retired        hosts retired on that day (left out of the other counts)
     * @param retiredInPeriod retirements made in the period
     */
    public record Totals(long hosts, Map<String, Long> byLevel, long notCompliant, long kasperskyInstalled, long stale,
                         long retired, long retiredInPeriod) {
    }

    /**
     * A host not shown compliant on the as-of date, with its findings.
     *
     * @param level      its standing on the as-of date
     * @param levelNow   its standing now
     * @param changedAt  when its standing first changed after the as-of date (ISO-8601), or null
     * @param lastSeen   its last report on or before the as-of date (ISO-8601), or null when not kept
     * @param findings   its findings as last judged, each with when it reached its level
     */
    public record HostEntry(String hostId, String hostname, String os, String profile, String level, String levelNow,
                            String changedAt, String lastSeen, boolean stale, List<FindingRow> findings) {
    }

    /** A host in service that had not reported for the stale period by the as-of date. */
    public record StaleHost(String hostId, String hostname, String profile, String level, String lastSeen,
                            long daysSilent) {
    }

    /**
     * A retirement in the period, as the audit log has it.
     *
     * @param by          who, as the audit log describes them
     * @param detail      the audit log's detail (hostname and reason)
     * @param retiredNow  the host is still retired
     */
    public record Retirement(String hostId, String hostname, String profile, String at, String by, String detail,
                             boolean retiredNow) {
    }

    /**
     * Receives the report in order: the header, every listed host, then the stale hosts and the
     * retirements. A section that had more entries than it lists says how many were left out.
     */
    public interface Sink {
        void header(Header header);

        void host(HostEntry host);

        /** @param notListed how many hosts not shown compliant were left out of the list */
        void hostsEnd(long notListed);

        void stale(List<StaleHost> hosts, long notListed);

        void retirements(List<Retirement> retirements, long notListed);

        void end();
    }
}
