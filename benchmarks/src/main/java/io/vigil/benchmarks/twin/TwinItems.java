package io.vigil.benchmarks.twin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The items of one page, from either side, as JSON objects that compare one to one: the service's response array
 * as it is, and each SQL row as an object keyed by column label. The SQL rows follow the service's rules for
 * items: a jsonb column is its JSON value, and an SQL NULL (an undefined property) leaves its key out.
 */
final class TwinItems {

    private static final ObjectMapper JSON = new ObjectMapper();

    private TwinItems() {
    }

    static List<JsonNode> fromResponse(String body) throws IOException {
        List<JsonNode> items = new ArrayList<>();
        JSON.readTree(body).forEach(items::add);
        return items;
    }

    static List<JsonNode> fromRows(ResultSet rows) throws SQLException, IOException {
        ResultSetMetaData columns = rows.getMetaData();
        List<JsonNode> items = new ArrayList<>();
        while (rows.next()) {
            ObjectNode item = JSON.createObjectNode();
            for (int column = 1; column <= columns.getColumnCount(); column++) {
                Object value = rows.getObject(column);
                if (value == null) {
                    continue;
                }
                JsonNode json = "jsonb".equals(columns.getColumnTypeName(column))
                        ? JSON.readTree(rows.getString(column)) : JSON.valueToTree(value);
                item.set(columns.getColumnLabel(column), json);
            }
            items.add(item);
        }
        return items;
    }

    /**
     * The position of the first item that differs (an item missing from the shorter list counts), or empty when
     * both are the same. Numbers compare by value, since a count parsed from the response and one read over JDBC
     * differ in Java type only.
     */
    static Optional<Integer> firstDifference(List<JsonNode> service, List<JsonNode> sql) {
        for (int i = 0; i < Math.max(service.size(), sql.size()); i++) {
            if (i >= service.size() || i >= sql.size() || !service.get(i).equals(TwinItems::compare, sql.get(i))) {
                return Optional.of(i);
            }
        }
        return Optional.empty();
    }

    static String describe(List<JsonNode> items, int index) {
        return index < items.size() ? items.get(index).toString() : "(none)";
    }

    /** 0 when the two nodes are equal; {@link JsonNode#equals(java.util.Comparator, JsonNode)} calls it for leaves. */
    private static int compare(JsonNode a, JsonNode b) {
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue()) == 0 ? 0 : 1;
        }
        return Objects.equals(a, b) ? 0 : 1;
    }
}
