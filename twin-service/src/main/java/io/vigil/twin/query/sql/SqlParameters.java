package io.vigil.twin.query.sql;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects the values of a statement and hands out their placeholders, each with an explicit cast.
 * <p>
 * Explicit casts matter twice: PostgreSQL then never has to guess a parameter's type, and the Vert.x client binds
 * each Java type to a matching PostgreSQL type (a String is sent as text and converted by the statement, never
 * sent to a jsonb placeholder, where it would arrive as a JSON string). Equal scalar values share one placeholder.
 */
public final class SqlParameters {

    private final int firstIndex;
    private final List<Object> values = new ArrayList<>();
    private final Map<Object, Integer> scalarIndexes = new HashMap<>();

    /** @param firstIndex number of the first placeholder this collector hands out ($1 is the hub) */
    public SqlParameters(int firstIndex) {
        this.firstIndex = firstIndex;
    }

    /** The placeholder of a String, Long, Double, Boolean or String[] value, cast to text, int8, float8, boolean or text[]. */
    public String bind(Object value) {
        String cast = castOf(value);
        if (value instanceof String[]) {
            values.add(value);
            return "$" + (firstIndex + values.size() - 1) + cast;
        }
        Integer existing = scalarIndexes.get(value);
        if (existing == null) {
            values.add(value);
            existing = firstIndex + values.size() - 1;
            scalarIndexes.put(value, existing);
        }
        return "$" + existing + cast;
    }

    public List<Object> values() {
        return List.copyOf(values);
    }

    /**
     * A page's parameter list: the hub, then the query's values, then the page's own. Arrays are copied because
     * a compiled query is shared between threads and pages, and a caller could modify the arrays it receives.
     */
    static List<Object> pageParameters(String hub, List<Object> queryValues, List<Object> pageValues) {
        List<Object> all = new ArrayList<>(1 + queryValues.size() + pageValues.size());
        all.add(hub);
        for (Object value : queryValues) {
            all.add(value instanceof String[] ? ((String[]) value).clone() : value);
        }
        all.addAll(pageValues);
        return all;
    }

    /** The number the next placeholder would get. */
    public int nextIndex() {
        return firstIndex + values.size();
    }

    private static String castOf(Object value) {
        if (value instanceof String) {
            return "::text";
        }
        if (value instanceof Long) {
            return "::int8";
        }
        if (value instanceof Double) {
            return "::float8";
        }
        if (value instanceof Boolean) {
            return "::boolean";
        }
        if (value instanceof String[]) {
            return "::text[]";
        }
        throw new IllegalArgumentException("cannot bind " + (value == null ? "null" : value.getClass()));
    }
}
