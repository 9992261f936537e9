package io.vigil.testing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the database that {@link VigilTestResource} gave the current module, over plain JDBC. */
public final class TestDatabase {

    private TestDatabase() {
    }

    public static long count(String sql, Object... parameters) {
        List<Map<String, Object>> rows = query(sql, parameters);
        return ((Number) rows.get(0).values().iterator().next()).longValue();
    }

    public static List<Map<String, Object>> query(String sql, Object... parameters) {
        try (Connection connection = Infrastructure.shared().connect(VigilTestResource.defaultDatabaseName());
             PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            try (ResultSet result = statement.executeQuery()) {
                List<Map<String, Object>> rows = new ArrayList<>();
                int columns = result.getMetaData().getColumnCount();
                while (result.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int c = 1; c <= columns; c++) {
                        row.put(result.getMetaData().getColumnLabel(c), result.getObject(c));
                    }
                    rows.add(row);
                }
                return rows;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("test query failed: " + sql, e);
        }
    }

    public static void execute(String sql, Object... parameters) {
        try (Connection connection = Infrastructure.shared().connect(VigilTestResource.defaultDatabaseName());
             PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            statement.execute();
        } catch (SQLException e) {
            throw new IllegalStateException("test statement failed: " + sql, e);
        }
    }
}
