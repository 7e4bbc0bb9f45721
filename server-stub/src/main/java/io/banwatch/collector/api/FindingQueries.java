package io.banwatch.collector.api;

import io.banwatch.collector.db.Database;
import io.banwatch.collector.db.SortColumns;
import io.banwatch.rules.MilestoneInfo;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** Findings across the fleet, filtered and sorted (most serious first unless asked otherwise). */
public final class FindingQueries {
    private static final String DEFAULT_ORDER = FindingRows.ORDER + ", LOWER(h.hostname), f.product";

    private final Database db;
    private final Clock clock;
    private final int staleDays;
    private final FindingRows rows;

    public FindingQueries(Database db, Clock clock, int staleDays, List<MilestoneInfo> milestones) {
        this.db = db;
        this.clock = clock;
        this.staleDays = staleDays;
        this.rows = new FindingRows(milestones);
    }

    /** The columns a findings list may be sorted by. */
    public static SortColumns sortColumns() {
        return FindingRows.SORT;
    }

    public Page<FindingRow> page(FindingFilter filter, SortColumns.Sort sort, Page.Request page) {
        HostWhere w = HostWhere.of(filter, HostRows.staleBefore(clock.millis(), staleDays));
        return db.read(c -> {
            long total;
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM findings f JOIN hosts h ON h.pk = f.host_pk"
                    + w.sql())) {
                w.bind(ps, 1);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    total = rs.getLong(1);
                }
            }
            List<FindingRow> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(FindingRows.SELECT + w.sql() + " ORDER BY "
                    + FindingRows.SORT.orderBy(sort, DEFAULT_ORDER) + " LIMIT ? OFFSET ?")) {
                int i = w.bind(ps, 1);
                ps.setInt(i, page.size());
                ps.setInt(i + 1, page.offset());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(rows.read(rs));
                    }
                }
            }
            return new Page<>(total, page.page(), page.size(), out);
        });
    }

    /** Every finding matching the filter, in the list's order, one at a time (for the exports). */
    public void each(FindingFilter filter, SortColumns.Sort sort, Consumer<FindingRow> sink) {
        HostWhere w = HostWhere.of(filter, HostRows.staleBefore(clock.millis(), staleDays));
        db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(FindingRows.SELECT + w.sql() + " ORDER BY "
                    + FindingRows.SORT.orderBy(sort, DEFAULT_ORDER))) {
                w.bind(ps, 1);
                ps.setFetchSize(1000);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        sink.accept(rows.read(rs));
                    }
                }
            }
            return null;
        });
    }

    /** The milestones the fleet's findings are under, for a filter's choices. */
    public List<String> milestones() {
        return db.read(c -> {
            List<String> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT DISTINCT milestone FROM findings WHERE milestone IS NOT NULL"
                    + " ORDER BY milestone"); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        });
    }

    /** The products the fleet's findings name, for a filter's choices. */
    public List<String> products() {
        return db.read(c -> {
            List<String> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT DISTINCT product FROM findings ORDER BY product");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        });
    }
}
