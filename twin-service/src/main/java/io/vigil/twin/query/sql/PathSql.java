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
        return "COALESCE(" + exact + ", CASE WHEN " + KeyPaths.listed(keyPaths, parameters.bind(folded.get())) + " THEN "
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
     * The item member {@code "key": value} of a projection as JSON text (see {@link ItemText}), NULL when the
     * property is undefined (so it is left out of the item). The key is the alias, else the last name as the
     * document spells it: the exact spelling when the path is there, else the key the search found.
     */
    static String projectedMember(String document, PropertyPath path, Optional<String> alias,
                                  SqlParameters parameters) {
        if (alias.isPresent() || path.last().matchExactly()) {
            return ItemText.member(alias.orElse(path.last().name()), value(document, path, parameters), parameters);
        }
        String exact = ItemText.member(path.last().name(), exactSteps(document, path, parameters), parameters);
        return "COALESCE(" + exact + ", (SELECT " + ItemText.memberOfKeyValue("kv") + " FROM jsonb_path_query_first("
                + document + ", " + parameters.bind(JsonPathText.keyValuePath(path))
                + "::jsonpath, '{}'::jsonb, true) AS kv))";
    }
}
