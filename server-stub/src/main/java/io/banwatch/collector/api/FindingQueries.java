package io.banwatch.collector.api;

import io.banwatch.collector.db.Database;
import io.banwatch.rules.MilestoneInfo;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** Findings across the fleet, most serious first. */
public final class FindingQueries {
    private static final String ORDER = FindingRows.ORDER + ", h.hostname, h.host_id, f.product";

    private final Database db;
    private final FindingRows rows;

    public FindingQueries(Database db, List<MilestoneInfo> milestones) {
        this.db = db;
        this.rows = new FindingRows(milestones);
    }

    /** @param level a finding level's name, or null for all */
    public Page<FindingRow> page(String level, Page.Request page) {
        return db.read(c -> {
            String where = level == null ? "" : " WHERE f.level = ?";
            long total;
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM findings f" + where)) {
                if (level != null) {
                    ps.setString(1, level);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    total = rs.getLong(1);
                }
            }
            List<FindingRow> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(FindingRows.SELECT + where + " ORDER BY " + ORDER
                    + " LIMIT ? OFFSET ?")) {
                int i = 1;
                if (level != null) {
                    ps.setString(i++, level);
                }
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

    /** Every finding of the fleet, most serious first (for CSV export). */
    public void each(Consumer<FindingRow> sink) {
        db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(FindingRows.SELECT + " ORDER BY " + ORDER)) {
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
}
