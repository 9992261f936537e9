package io.vigil.query.kql.sql;

import io.vigil.query.kql.types.KqlType;

import java.util.List;
import java.util.stream.Collectors;

/**
 * KQL sort order in SQL: strings in ordinal (code point) order whatever the database collation; nulls first when
 * ascending and last when descending unless the query says otherwise; for reals, null and NaN grouped together
 * at the "small" end (asc nulls first: null, NaN, -inf, ..., +inf).
 */
final class OrderBySql {

    private OrderBySql() {
    }

    /** The ORDER BY clause (with the keyword) for {@code keys} read through {@code alias}; empty when no keys. */
    static String clause(String alias, List<Relation.OrderKey> keys) {
        if (keys.isEmpty()) {
            return "";
        }
        return " ORDER BY " + keys.stream()
                .map(k -> key(alias + "." + k.sqlName(), k.type(), k.descending(), k.nullsFirst()))
                .collect(Collectors.joining(", "));
    }

    static String key(String sql, KqlType type, boolean descending, boolean nullsFirst) {
        String direction = descending ? "DESC" : "ASC";
        switch (type) {
            case STRING:
                return sql + " COLLATE \"C\" " + direction;
            case REAL:
                String rank = "(CASE WHEN " + sql + " IS NULL THEN 0 WHEN " + sql + " = 'NaN'::float8 THEN 1 ELSE 2 END)";
                return rank + (nullsFirst ? " ASC" : " DESC") + ", " + sql + " " + direction;
            default:
                return sql + " " + direction + (nullsFirst ? " NULLS FIRST" : " NULLS LAST");
        }
    }
}
