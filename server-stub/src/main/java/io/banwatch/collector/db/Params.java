package io.banwatch.collector.db;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;

/** Binding and reading SQL values that may be absent. */
public final class Params {
    private Params() {
    }

    public static void setString(PreparedStatement ps, int i, String v) throws SQLException {
        if (v == null) {
            ps.setNull(i, Types.VARCHAR);
        } else {
            ps.setString(i, v);
        }
    }

    public static void setLong(PreparedStatement ps, int i, Long v) throws SQLException {
        if (v == null) {
            ps.setNull(i, Types.BIGINT);
        } else {
            ps.setLong(i, v);
        }
    }

    public static void setInt(PreparedStatement ps, int i, Integer v) throws SQLException {
        if (v == null) {
            ps.setNull(i, Types.INTEGER);
        } else {
            ps.setInt(i, v);
        }
    }

    /** Booleans are 0/1 integers in both databases. */
    public static void setBoolean(PreparedStatement ps, int i, Boolean v) throws SQLException {
        setInt(ps, i, v == null ? null : (v ? 1 : 0));
    }

    public static Long getLong(ResultSet rs, int i) throws SQLException {
        long v = rs.getLong(i);
        return rs.wasNull() ? null : v;
    }

    public static Integer getInt(ResultSet rs, int i) throws SQLException {
        int v = rs.getInt(i);
        return rs.wasNull() ? null : v;
    }

    public static Boolean getBoolean(ResultSet rs, int i) throws SQLException {
        Integer v = getInt(rs, i);
        return v == null ? null : v == 1;
    }

    /** Truncates to a column's width, so an oversized value is cut rather than refused. */
    public static String cut(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}
