package io.vigil.twin.query.sql;

/** An SQL fragment and what it computes. */
record TypedSql(SqlType type, String sql) {

    static final TypedSql NULL = new TypedSql(SqlType.NULL, "");
    static final TypedSql UNDEFINED = new TypedSql(SqlType.UNDEFINED, "");

    /** The JSON type name that {@code jsonb_typeof} reports for values of this scalar type. */
    static String jsonTypeOf(SqlType type) {
        switch (type) {
            case TEXT:
                return "string";
            case NUMERIC:
                return "number";
            case BOOLEAN:
                return "boolean";
            default:
                throw new IllegalArgumentException("no JSON type for " + type);
        }
    }

    /** SQL that reads a jsonb value of the given JSON type as this scalar type. */
    static String extract(String jsonb, SqlType as) {
        switch (as) {
            case TEXT:
                return "(" + jsonb + " #>> '{}')";
            case NUMERIC:
                return "(" + jsonb + ")::numeric";
            case BOOLEAN:
                return "(" + jsonb + ")::boolean";
            default:
                throw new IllegalArgumentException("cannot extract " + as);
        }
    }
}
