package io.vigil.twin.query.sql;

import io.vigil.twin.query.semantic.PropertyPath;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Property values read while filtering and aggregating, each computed once per twin.
 * <p>
 * Conditions mention a value several times (its type, then its content), so a case-insensitive property, whose
 * lookup may search the document, is computed once in a LATERAL subquery and referred to as {@code w.pN}. The
 * {@code OFFSET 0} keeps PostgreSQL from inlining the subquery, which would repeat the search. Properties whose
 * names all match exactly are cheap {@code ->} steps and are written in place.
 */
final class PropertyValues {

    static final String DOCUMENT = "t.document";
    static final String KEY_PATHS = "t.key_paths";

    private final SqlParameters parameters;
    private final Map<String, String> columnsByPath = new LinkedHashMap<>();
    private final List<String> definitions = new ArrayList<>();

    PropertyValues(SqlParameters parameters) {
        this.parameters = parameters;
    }

    /** SQL for the property's jsonb value on the twin being filtered. */
    String valueOf(PropertyPath path) {
        if (path.fullyExact()) {
            return PathSql.exactSteps(DOCUMENT, path, parameters);
        }
        String column = columnsByPath.get(path.identity());
        if (column == null) {
            column = "p" + (definitions.size() + 1);
            definitions.add(PathSql.storedValue(DOCUMENT, KEY_PATHS, path, parameters) + " AS " + column);
            columnsByPath.put(path.identity(), column);
        }
        return "w." + column;
    }

    /**
     * SQL for the property's value written in place rather than in the LATERAL subquery, for a value used once per
     * twin (a GROUP BY key): a plan without the subquery may scan in parallel, one with it may not.
     */
    String inlineValueOf(PropertyPath path) {
        return PathSql.storedValue(DOCUMENT, KEY_PATHS, path, parameters);
    }

    /** The LATERAL join that computes the values, or "" when none is needed. */
    String lateralJoin() {
        if (definitions.isEmpty()) {
            return "";
        }
        return " CROSS JOIN LATERAL (SELECT " + String.join(", ", definitions) + " OFFSET 0) AS w";
    }
}
