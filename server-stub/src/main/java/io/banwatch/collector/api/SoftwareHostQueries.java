package io.banwatch.collector.api;

import io.banwatch.collector.db.Database;
import io.banwatch.collector.db.Params;
import io.banwatch.collector.db.SortColumns;
import io.banwatch.collector.http.ApiError;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The hosts in service that have a title (or one version of it), through the software index:
 * its primary key starts with the package, so a title's hosts are found without a scan.
 */
public final class SoftwareHostQueries {
    private static final SortColumns SORT = SortColumns.of("h.host_id, s.id, i.scope_id", "host", "LOWER(h.hostname)",
            "version", "s.version", "scope", "sc.name", "first_seen", "i.first_seen", "last_seen", "h.last_seen");
    private static final String COLUMNS = "h.pk, h.inventory_hash, h.host_id, h.hostname, h.os_family, h.level, s.name,"
            + " s.version, s.publisher, s.source, s.arch, sc.name, i.first_seen, h.last_seen";
    private static final String FROM = " FROM software s JOIN software_index i ON i.software_id = s.id"
            + " JOIN hosts h ON h.pk = i.host_pk JOIN scopes sc ON sc.id = i.scope_id";

    private final Database db;

    public SoftwareHostQueries(Database db) {
        this.db = db;
    }

    public static SortColumns sortColumns() {
        return SORT;
    }

    /** @throws ApiError 400 without a title: the list is of one title's hosts */
    public static String title(String param) {
        String t = HostFilter.blankToNull(param);
        if (t == null) {
            throw ApiError.badRequest("invalid_filter", "title is required: the hosts of which title?");
        }
        return t;
    }

    public Page<SoftwareHostRow> page(String title, SoftwareFilter f, SortColumns.Sort sort, Page.Request page) {
        return db.read(c -> {
            List<String> args = new ArrayList<>();
            String where = where(title, f, args);
            long total;
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*)" + FROM + where)) {
                bind(ps, args);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    total = rs.getLong(1);
                }
            }
            List<SoftwareHostRow> rows = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + FROM + where + " ORDER BY "
                    + SORT.orderBy(sort, "LOWER(h.hostname)") + " LIMIT ? OFFSET ?")) {
                int i = bind(ps, args);
                ps.setInt(i, page.size());
                ps.setInt(i + 1, page.offset());
                read(c, ps, rows::add);
            }
            return new Page<>(total, page.page(), page.size(), rows);
        });
    }

    /** Every matching row in the list's order (for the exports). */
    public void each(String title, SoftwareFilter f, SortColumns.Sort sort, Consumer<SoftwareHostRow> sink) {
        db.read(c -> {
            List<String> args = new ArrayList<>();
            String where = where(title, f, args);
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + FROM + where + " ORDER BY "
                    + SORT.orderBy(sort, "LOWER(h.hostname)"))) {
                bind(ps, args);
                ps.setFetchSize(1000);
                read(c, ps, sink);
            }
            return null;
        });
    }

    private static void read(Connection c, PreparedStatement ps, Consumer<SoftwareHostRow> sink) throws SQLException {
        InstallLocations locations = new InstallLocations();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                SoftwareHostRow r = new SoftwareHostRow(rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getString(6), rs.getString(7), Reads.emptyToNull(rs.getString(8)),
                        Reads.emptyToNull(rs.getString(9)), rs.getString(10), Reads.emptyToNull(rs.getString(11)), rs.getString(12), null, Reads.time(Params.getLong(rs, 13)),
                        Reads.time(Params.getLong(rs, 14)));
                sink.accept(withLocation(r, locations.of(c, rs.getLong(1), rs.getString(2), r)));
            }
        }
    }

    private static SoftwareHostRow withLocation(SoftwareHostRow r, String location) {
        return new SoftwareHostRow(r.hostId(), r.hostname(), r.osFamily(), r.level(), r.name(), r.version(),
                r.publisher(), r.source(), r.arch(), r.scope(), location, r.firstSeen(), r.lastSeen());
    }

    private static String where(String title, SoftwareFilter f, List<String> args) {
        StringBuilder sql = new StringBuilder(" WHERE s.name = ? AND h.retired_at IS NULL");
        args.add(title);
        SoftwareQueries.packageFilters(f, sql, args, "h.os_family");
        if (f.scope() != null) {
            sql.append(SoftwareFilter.USER_SCOPE.equals(f.scope()) ? " AND sc.name LIKE 'user%'"
                    : " AND sc.name NOT LIKE 'user%'");
        }
        return sql.toString();
    }

    private static int bind(PreparedStatement ps, List<String> args) throws SQLException {
        for (int i = 0; i < args.size(); i++) {
            ps.setString(i + 1, args.get(i));
        }
        return args.size() + 1;
    }
}
