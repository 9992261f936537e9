package io.vigil.query.kql.support;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import io.vigil.query.kql.syntax.JsonText;
import io.vigil.query.kql.syntax.TimespanText;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns actual values (as the Vert.x client returns them) and expected values (JSON cells of a case) into one
 * comparable text per KQL type: datetimes as ISO instants, timespans as KQL text ({@code 1.02:00:00}), numbers
 * without trailing zeros, dynamic values as JSON with sorted keys.
 */
public final class CanonicalValues {

    private CanonicalValues() {
    }

    public static String actual(Object value, String kqlType) {
        if (value == null || value == Tuple.JSON_NULL) {
            return "null";
        }
        switch (kqlType) {
            case "datetime":
                return ((OffsetDateTime) value).toInstant().toString();
            case "timespan":
                return JsonText.quote(TimespanText.format(((Number) value).longValue()));
            case "dynamic":
                return json(value);
            case "real":
                return number(value);
            case "long":
            case "int":
                return number(value);
            case "bool":
                return value.toString();
            default:
                return JsonText.quote(value.toString());
        }
    }

    public static String expected(Object value, String kqlType) {
        if (value == null) {
            return "null";
        }
        switch (kqlType) {
            case "datetime":
                return Instant.parse((String) value).toString();
            case "timespan":
                return JsonText.quote((String) value);
            case "dynamic":
                return json(value);
            case "real":
            case "long":
            case "int":
                return value instanceof String text ? text : number(value);
            case "bool":
                return value.toString();
            default:
                return JsonText.quote(value.toString());
        }
    }

    private static String number(Object value) {
        if (value instanceof Double d) {
            if (d.isNaN()) {
                return "NaN";
            }
            if (d.isInfinite()) {
                return d > 0 ? "Infinity" : "-Infinity";
            }
            return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
        }
        if (value instanceof Float f) {
            return number(f.doubleValue());
        }
        return new BigDecimal(value.toString()).stripTrailingZeros().toPlainString();
    }

    /** Canonical JSON: object keys sorted, numbers normalised. */
    static String json(Object value) {
        if (value == null || value == Tuple.JSON_NULL) {
            return "null";
        }
        if (value instanceof JsonObject object) {
            return json(object.getMap());
        }
        if (value instanceof JsonArray array) {
            return json(array.getList());
        }
        if (value instanceof Map<?, ?> map) {
            StringBuilder out = new StringBuilder("{");
            Map<String, Object> sorted = new TreeMap<>();
            map.forEach((k, v) -> sorted.put(String.valueOf(k), v));
            boolean first = true;
            for (Map.Entry<String, Object> entry : sorted.entrySet()) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                out.append(JsonText.quote(entry.getKey())).append(':').append(json(entry.getValue()));
            }
            return out.append('}').toString();
        }
        if (value instanceof List<?> list) {
            List<String> items = new ArrayList<>();
            for (Object item : list) {
                items.add(json(item));
            }
            return "[" + String.join(",", items) + "]";
        }
        if (value instanceof Number) {
            return number(value);
        }
        if (value instanceof Boolean) {
            return value.toString();
        }
        return JsonText.quote(value.toString());
    }
}
