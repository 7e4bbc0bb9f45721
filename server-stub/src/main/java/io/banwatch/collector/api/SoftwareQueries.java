package io.banwatch.collector.api;

import io.banwatch.collector.db.Database;
import io.banwatch.collector.db.Like;
import io.banwatch.collector.db.Params;
import io.banwatch.collector.db.SortColumns;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * The fleet's distinct titles, with their versions, publishers, sources and host counts, read from
 * the software index's counts (title_counts, software_counts) and the catalogue: a few thousand
 * rows whatever the fleet's size. Most hosts first unless asked otherwise.
 */
public final class SoftwareQueries {
    private static final SortColumns SORT = SortColumns.of("t.name", "name", "LOWER(t.name)", "hosts", "SUM(t.hosts)");
    private static final String DEFAULT_ORDER = "SUM(t.hosts) DESC";

    private final Database db;

    public SoftwareQueries(Database db) {
        this.db = db;
    }

    public static SortColumns sortColumns() {
        return SORT;
    }

    public Page<TitleRow> page(SoftwareFilter f, SortColumns.Sort sort, Page.Request page) {
        return db.read(c -> {
            Where w = where(f);
            long total;
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM (SELECT t.name FROM title_counts t"
                    + w.sql + " GROUP BY t.name HAVING SUM(t.hosts) > 0) x")) {
                w.bind(ps);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    total = rs.getLong(1);
                }
            }
            List<String> names = names(c, w, sort, page.size(), page.offset());
            return new Page<>(total, page.page(), page.size(), details(c, f, names));
        });
    }

    /** Every matching title in the list's order, a thousand at a time (for the exports). */
    public void each(SoftwareFilter f, SortColumns.Sort sort, Consumer<TitleRow> sink) {
        Where w = where(f);
        for (int offset = 0; ; offset += 1000) {
            int from = offset;
            List<TitleRow> rows = db.read(c -> details(c, f, names(c, w, sort, 1000, from)));
            rows.forEach(sink);
            if (rows.size() < 1000) {
                return;
            }
        }
    }

    /** The freshness of the index every software list reads. */
    public IndexFreshness freshness() {
        return db.read(c -> {
            long pending;
            Long oldest;
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*), MIN(changed_at) FROM host_inventories"
                    + " WHERE indexed_gen <> gen"); ResultSet rs = ps.executeQuery()) {
                rs.next();
                pending = rs.getLong(1);
                oldest = Params.getLong(rs, 2);
            }
            Long last;
            try (PreparedStatement ps = c.prepareStatement("SELECT last_batch_at FROM software_index_state WHERE id = 1");
                 ResultSet rs = ps.executeQuery()) {
                last = rs.next() ? Params.getLong(rs, 1) : null;
            }
            return new IndexFreshness(pending, Reads.time(oldest), Reads.time(last));
        });
    }

    private static List<String> names(Connection c, Where w, SortColumns.Sort sort, int limit, int offset)
            throws SQLException {
        List<String> names = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT t.name FROM title_counts t" + w.sql
                + " GROUP BY t.name HAVING SUM(t.hosts) > 0 ORDER BY " + SORT.orderBy(sort, DEFAULT_ORDER)
                + " LIMIT ? OFFSET ?")) {
            int i = w.bind(ps);
            ps.setInt(i, limit);
            ps.setInt(i + 1, offset);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
        }
        return names;
    }

    /** The titles' host counts, versions, publishers and sources, in the order of {@code names}. */
    private static List<TitleRow> details(Connection c, SoftwareFilter f, List<String> names) throws SQLException {
        if (names.isEmpty()) {
            return List.of();
        }
        Map<String, Long> hosts = new LinkedHashMap<>();
        names.forEach(n -> hosts.put(n, 0L));
        String marks = String.join(",", Collections.nCopies(names.size(), "?"));
        try (PreparedStatement ps = c.prepareStatement("SELECT name, SUM(hosts) FROM title_counts WHERE scope_kind = ?"
                + (f.os() == null ? "" : " AND os_family = ?") + " AND name IN (" + marks + ") GROUP BY name")) {
            int i = 1;
            ps.setString(i++, f.countScope());
            if (f.os() != null) {
                ps.setString(i++, f.os());
            }
            for (String n : names) {
                ps.setString(i++, n);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    hosts.put(rs.getString(1), rs.getLong(2));
                }
            }
        }
        Map<String, Map<String, Long>> versions = new LinkedHashMap<>();
        Map<String, TreeSet<String>> publishers = new LinkedHashMap<>();
        Map<String, TreeSet<String>> sources = new LinkedHashMap<>();
        StringBuilder sql = new StringBuilder("SELECT s.name, s.version, s.publisher, s.source, SUM(sc.hosts)"
                + " FROM software s JOIN software_counts sc ON sc.software_id = s.id WHERE sc.scope_kind = ?"
                + " AND sc.hosts > 0 AND s.name IN (" + marks + ")");
        List<String> args = new ArrayList<>();
        args.add(f.countScope());
        args.addAll(names);
        packageFilters(f, sql, args, "sc.os_family");
        sql.append(" GROUP BY s.name, s.version, s.publisher, s.source");
        try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < args.size(); i++) {
                ps.setString(i + 1, args.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String name = rs.getString(1);
                    versions.computeIfAbsent(name, k -> new LinkedHashMap<>()).merge(rs.getString(2), rs.getLong(5),
                            Long::sum);
                    if (!rs.getString(3).isEmpty()) {
                        publishers.computeIfAbsent(name, k -> new TreeSet<>()).add(rs.getString(3));
                    }
                    sources.computeIfAbsent(name, k -> new TreeSet<>()).add(rs.getString(4));
                }
            }
        }
        List<TitleRow> out = new ArrayList<>(names.size());
        for (String n : names) {
            List<TitleRow.VersionCount> vs = new ArrayList<>();
            versions.getOrDefault(n, Map.of()).forEach((v, h) -> vs.add(new TitleRow.VersionCount(v, h)));
            vs.sort((a, b) -> a.hosts() != b.hosts() ? Long.compare(b.hosts(), a.hosts()) : a.version().compareTo(b.version()));
            out.add(new TitleRow(n, hosts.get(n), vs, List.copyOf(publishers.getOrDefault(n, new TreeSet<>())),
                    List.copyOf(sources.getOrDefault(n, new TreeSet<>()))));
        }
        return out;
    }

    /** The filters on a package row {@code s} (publisher, version, source) and the host's OS family. */
    static void packageFilters(SoftwareFilter f, StringBuilder sql, List<String> args, String osColumn) {
        if (f.publisher() != null) {
            sql.append(" AND LOWER(s.publisher) LIKE ?").append(Like.ESCAPE);
            args.add(Like.containing(f.publisher()));
        }
        if (f.version() != null) {
            sql.append(" AND s.version = ?");
            args.add(f.version());
        }
        if (f.source() != null) {
            sql.append(" AND s.source = ?");
            args.add(f.source());
        }
        if (f.os() != null) {
            sql.append(" AND ").append(osColumn).append(" = ?");
            args.add(f.os());
        }
    }

    /** The WHERE of the title list over title_counts t, with its parameters (all text). */
    private record Where(String sql, List<String> args) {
        int bind(PreparedStatement ps) throws SQLException {
            for (int i = 0; i < args.size(); i++) {
                ps.setString(i + 1, args.get(i));
            }
            return args.size() + 1;
        }
    }

    private static Where where(SoftwareFilter f) {
        StringBuilder sql = new StringBuilder(" WHERE t.scope_kind = ?");
        List<String> args = new ArrayList<>();
        args.add(f.countScope());
        if (f.os() != null) {
            sql.append(" AND t.os_family = ?");
            args.add(f.os());
        }
        if (f.name() != null) {
            sql.append(" AND LOWER(t.name) LIKE ?").append(Like.ESCAPE);
            args.add(Like.containing(f.name()));
        }
        if (f.publisher() != null || f.version() != null || f.source() != null) {
            // A title is listed when one of its packages matches, on a host of the same OS and scope kind.
            sql.append(" AND EXISTS (SELECT 1 FROM software s JOIN software_counts sc ON sc.software_id = s.id"
                    + " AND sc.os_family = t.os_family AND sc.scope_kind = t.scope_kind AND sc.hosts > 0"
                    + " WHERE s.name = t.name");
            packageFilters(new SoftwareFilter(null, f.publisher(), f.version(), f.source(), null, null), sql, args, null);
            sql.append(")");
        }
        return new Where(sql.toString(), args);
    }
}
