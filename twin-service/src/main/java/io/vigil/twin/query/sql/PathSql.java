package io.vigil.twin.query.sql;

import io.vigil.twin.query.semantic.PropertyPath;

import java.util.Optional;

/**
 * SQL that reads a property from a twin document.
 * <p>
 * Every name is a parameter. The exact spelling is tried first with {@code ->} steps (a text key never indexes an
 * array, and a missing key gives SQL NULL while a JSON null stays jsonb {@code 'null'}: exactly undefined versus
 * null). Only when that finds nothing and some name is case-insensitive does a {@link JsonPathText} search run.
 */
final class PathSql {

    private PathSql() {
    }

    /** The property's jsonb value, NULL when undefined. */
    static String value(String document, PropertyPath path, SqlParameters parameters) {
        String exact = exactSteps(document, path, parameters);
        if (path.fullyExact()) {
            return exact;
        }
        return "COALESCE(" + exact + ", " + search(document, path, parameters) + ")";
    }

    /**
     * The property's jsonb value on a stored twin, whose {@code key_paths} column lists every key path of its
     * document with names lower-cased: the case-insensitive search runs only when some spelling of the path is
     * there, which for most twins of a fleet it is not. Paths the column cannot answer for (names outside ASCII,
     * whose case PostgreSQL's "C" collation does not fold, and names under '$' keys, which it leaves out) search
     * as before.
     */
    static String storedValue(String document, String keyPaths, PropertyPath path, SqlParameters parameters) {
        String exact = exactSteps(document, path, parameters);
        if (path.fullyExact()) {
            return exact;
        }
        Optional<String> folded = KeyPaths.folded(path);
        if (folded.isEmpty()) {
            return value(document, path, parameters);
        }
        return "COALESCE(" + exact + ", CASE WHEN " + keyPaths + " @> ARRAY[" + parameters.bind(folded.get()) + "] THEN "
                + search(document, path, parameters) + " END)";
    }

    private static String search(String document, PropertyPath path, SqlParameters parameters) {
        return "jsonb_path_query_first(" + document + ", " + parameters.bind(JsonPathText.valuePath(path)) + "::jsonpath, '{}'::jsonb, true)";
    }

    /** Only the exact spelling, for properties whose names all match exactly. */
    static String exactSteps(String document, PropertyPath path, SqlParameters parameters) {
        StringBuilder sql = new StringBuilder("(").append(document);
        for (PropertyPath.Segment segment : path.segments()) {
            sql.append(" -> ").append(parameters.bind(segment.name()));
        }
        return sql.append(')').toString();
    }

    /**
     * A one-key jsonb object {key: value} for a projection, or NULL when the property is undefined (so it is left
     * out of the result object). The key is the alias, else the last name as the document spells it.
     */
    static String projectedPair(String document, PropertyPath path, Optional<String> alias,
                                SqlParameters parameters) {
        if (alias.isPresent() || path.last().matchExactly()) {
            String key = parameters.bind(alias.orElse(path.last().name()));
            String value = value(document, path, parameters);
            return "(CASE WHEN " + value + " IS NOT NULL THEN jsonb_build_object(" + key + ", " + value + ") END)";
        }
        String exact = exactSteps(document, path, parameters);
        return "(CASE WHEN " + exact + " IS NOT NULL THEN jsonb_build_object(" + parameters.bind(path.last().name())
                + ", " + exact + ") ELSE (SELECT jsonb_build_object(kv ->> 'key', kv -> 'value') FROM "
                + "jsonb_path_query_first(" + document + ", " + parameters.bind(JsonPathText.keyValuePath(path))
                + "::jsonpath, '{}'::jsonb, true) AS kv WHERE kv IS NOT NULL) END)";
    }
}
