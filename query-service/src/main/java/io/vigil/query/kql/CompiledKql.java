package io.vigil.query.kql;

import java.util.List;

/**
 * A KQL query compiled to one PostgreSQL statement.
 * <p>
 * The SQL uses {@code $1, $2, ...} placeholders bound, in order, to {@link #parameters()} (String, Long, Double,
 * Boolean, OffsetDateTime or String[]). It returns exactly {@link #columns()}, in order, under the positional aliases
 * {@code c1 .. cN}, typed: string → text (never null), long → bigint, int → integer, real → double precision,
 * bool → boolean, datetime → timestamptz, timespan → bigint (100-nanosecond ticks), dynamic → jsonb, guid → text.
 * <p>
 * The statement ends with {@code LIMIT maxRows + 1}: a caller that reads more than {@link #maxRows()} rows returns
 * the first {@code maxRows} and reports the result as truncated (see {@link #isTruncated(int)}).
 *
 * @param sql        the statement
 * @param parameters the values of the placeholders; every literal of the query is one of them
 * @param columns    the result columns
 * @param maxRows    the most rows the caller returns
 */
public record CompiledKql(String sql, List<Object> parameters, List<ResultColumn> columns, int maxRows) {

    public CompiledKql {
        parameters = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(parameters));
        columns = List.copyOf(columns);
    }

    /** Whether a result of {@code fetchedRows} rows (as returned by the SQL) went past the row limit. */
    public boolean isTruncated(int fetchedRows) {
        return fetchedRows > maxRows;
    }
}
