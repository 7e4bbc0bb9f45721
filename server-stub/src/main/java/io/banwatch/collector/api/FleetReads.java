package io.banwatch.collector.api;

import io.banwatch.collector.db.Database;
import io.banwatch.rules.MilestoneInfo;

import java.time.Clock;
import java.util.List;

/**
 * The read models behind the JSON API, the dashboard and the CSV exports, one per concern;
 * a new page with a new concern brings its own read model.
 */
public record FleetReads(SummaryQueries summary, HostListQueries hosts, HostDetailQueries hostDetail,
                         FindingQueries findings, SoftwareQueries software, SoftwareHostQueries softwareHosts) {

    public static FleetReads of(Database db, Clock clock, int staleDays, List<MilestoneInfo> milestones) {
        return new FleetReads(new SummaryQueries(db, clock, staleDays, milestones),
                new HostListQueries(db, clock, staleDays), new HostDetailQueries(db, clock, staleDays, milestones),
                new FindingQueries(db, clock, staleDays, milestones), new SoftwareQueries(db),
                new SoftwareHostQueries(db));
    }
}
