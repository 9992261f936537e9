package io.vigil.faults.check;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** The few JDBC shapes the checks need. */
public final class Sql {

    /** Opens a connection straight to the suite's database. */
    @FunctionalInterface
    public interface Connector {
        Connection connect() throws SQLException;
    }

    @FunctionalInterface
    public interface RowReader {
        void read(ResultSet row) throws SQLException;
    }

    private Sql() {
    }

    public static long single(Connector db, String sql, Object... parameters) throws SQLException {
        long[] value = new long[1];
        forEach(db, sql, row -> value[0] = row.getLong(1), parameters);
        return value[0];
    }

    public static void forEach(Connector db, String sql, RowReader reader, Object... parameters) throws SQLException {
        try (Connection connection = db.connect(); PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setFetchSize(10_000);
            connection.setAutoCommit(false);
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    reader.read(rows);
                }
            }
            connection.commit();
        }
    }
}
