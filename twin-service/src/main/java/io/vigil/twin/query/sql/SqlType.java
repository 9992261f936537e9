package io.vigil.twin.query.sql;

/**
 * What an SQL fragment computes. SQL NULL always means <em>undefined</em>: a JSON null is only ever the jsonb value
 * {@code 'null'} or the {@link #NULL} constant.
 */
enum SqlType {
    /** jsonb of any type (a property), or NULL when undefined. */
    JSONB,
    /** text: a string. Only NOT NULL columns and string constants have this type, so it is never undefined. */
    TEXT,
    /** numeric: a number, or NULL when undefined (arithmetic on non-numbers, division by zero). */
    NUMERIC,
    /** boolean: a condition's value, NULL when undefined. */
    BOOLEAN,
    /** The constant null; has no SQL of its own. */
    NULL,
    /** The constant undefined; has no SQL of its own. */
    UNDEFINED
}
