package io.banwatch.collector.api;

import io.banwatch.collector.db.Database;
import io.banwatch.collector.db.SortColumns;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** Hosts matching a filter, sorted (most serious first unless asked otherwise): a page, or all for an export. */
public final class HostListQueries {
    private final Database db;
    private final Clock clock;
    private final int staleDays;

    public HostListQueries(Database db, Clock clock, int staleDays) {
        this.db = db;
        this.clock = clock;
        this.staleDays = staleDays;
    }

    /** The columns a host list may be sorted by. */
    public static SortColumns sortColumns() {
        return HostRows.SORT;
    }

    public Page<HostRow> page(HostFilter filter, Page.Request page) {
        return page(filter, SortColumns.Sort.DEFAULT, page);
    }

    public Page<HostRow> page(HostFilter filter, SortColumns.Sort sort, Page.Request page) {
        long staleBefore = HostRows.staleBefore(clock.millis(), staleDays);
        return db.read(c -> {
            HostWhere w = HostWhere.of(filter, staleBefore);
            long total;
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM hosts" + w.sql())) {
                w.bind(ps, 1);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    total = rs.getLong(1);
                }
            }
            List<HostRow> rows = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT " + HostRows.COLUMNS + " FROM hosts" + w.sql()
                    + " ORDER BY " + HostRows.SORT.orderBy(sort, HostRows.ORDER) + " LIMIT ? OFFSET ?")) {
                int i = w.bind(ps, 1);
                ps.setInt(i, page.size());
                ps.setInt(i + 1, page.offset());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rows.add(HostRows.read(rs, 1, staleBefore));
                    }
                }
            }
            return new Page<>(total, page.page(), page.size(), rows);
        });
    }

    /** Every host matching the filter, in the list's order, one at a time (for the export). */
    public void each(HostFilter filter, SortColumns.Sort sort, Consumer<HostRow> sink) {
        long staleBefore = HostRows.staleBefore(clock.millis(), staleDays);
        db.read(c -> {
            HostWhere w = HostWhere.of(filter, staleBefore);
            try (PreparedStatement ps = c.prepareStatement("SELECT " + HostRows.COLUMNS + " FROM hosts" + w.sql()
                    + " ORDER BY " + HostRows.SORT.orderBy(sort, HostRows.ORDER))) {
                w.bind(ps, 1);
                ps.setFetchSize(1000);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        sink.accept(HostRows.read(rs, 1, staleBefore));
                    }
                }
            }
            return null;
        });
    }
}
