package io.vigil.query.execution;

import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vigil.query.kql.CompiledKql;
import io.vigil.query.kql.ResultColumn;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One named table of a result, values written as the Log Analytics API writes them.
 *
 * @param truncated whether rows past the row limit were cut
 */
public record ResultTable(String name, List<Map<String, String>> columns, List<List<Object>> rows, boolean truncated) {

    /** The primary table of a plain query, named as Log Analytics names it. */
    public static final String PRIMARY = "PrimaryResult";

    static ResultTable of(String name, CompiledKql compiled, RowSet<Row> result) {
        List<Map<String, String>> columns = new ArrayList<>();
        for (ResultColumn column : compiled.columns()) {
            columns.add(Map.of("name", column.name(), "type", column.type()));
        }
        List<List<Object>> rows = new ArrayList<>();
        int fetched = 0;
        for (Row row : result) {
            fetched++;
            if (rows.size() >= compiled.maxRows()) {
                continue;
            }
            List<Object> values = new ArrayList<>(compiled.columns().size());
            for (int i = 0; i < compiled.columns().size(); i++) {
                values.add(value(compiled.columns().get(i).type(), row, i));
            }
            rows.add(values);
        }
        return new ResultTable(name, columns, rows, compiled.isTruncated(fetched));
    }

    /**
     * The response body {@code {"tables": [...]}}, with an {@code error} of code {@code kql.truncated} naming the
     * tables that were cut, as Log Analytics reports a partial result.
     */
    public static Map<String, Object> response(List<ResultTable> tables) {
        List<Map<String, Object>> bodies = new ArrayList<>();
        List<String> cut = new ArrayList<>();
        for (ResultTable table : tables) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("name", table.name());
            body.put("columns", table.columns());
            body.put("rows", table.rows());
            bodies.add(body);
            if (table.truncated()) {
                cut.add(table.name());
            }
        }
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("tables", bodies);
        if (!cut.isEmpty()) {
            response.put("error", Map.of("code", "kql.truncated", "message",
                    "the result was cut at the row limit in " + String.join(", ", cut)));
        }
        return response;
    }

    private static Object value(String type, Row row, int index) {
        if (row.getValue(index) == null) {
            return null;
        }
        return switch (type) {
            case "long" -> row.getLong(index);
            case "int" -> row.getInteger(index);
            case "real" -> finite(row.getDouble(index));
            case "bool" -> row.getBoolean(index);
            case "datetime" -> row.getOffsetDateTime(index).toInstant().toString();
            case "timespan" -> timespan(row.getLong(index));
            case "dynamic" -> row.getValue(index).toString();
            default -> row.getValue(index).toString();
        };
    }

    private static Object finite(Double value) {
        return value.isNaN() || value.isInfinite() ? value.toString() : value;
    }

    /** Ticks of 100 ns as [-][d.]hh:mm:ss[.fffffff], as Log Analytics writes a timespan. */
    static String timespan(long ticks) {
        StringBuilder text = new StringBuilder(ticks < 0 ? "-" : "");
        long t = Math.abs(ticks);
        long days = t / 864_000_000_000L;
        long rest = t % 864_000_000_000L;
        if (days > 0) {
            text.append(days).append('.');
        }
        text.append(String.format("%02d:%02d:%02d", rest / 36_000_000_000L, rest / 600_000_000L % 60, rest / 10_000_000L % 60));
        long fraction = rest % 10_000_000L;
        if (fraction > 0) {
            text.append('.').append(String.format("%07d", fraction));
        }
        return text.toString();
    }
}
