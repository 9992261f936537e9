package io.vigil.query.kql.types;

import java.util.Optional;

/**
 * The KQL scalar types this engine knows, with the PostgreSQL type that carries each one.
 * <p>
 * A timespan is carried as a bigint count of 100-nanosecond ticks (exact arithmetic, the .NET resolution);
 * a guid as lower-case text; a dynamic as jsonb, where a KQL null is always an SQL NULL (never a jsonb 'null').
 */
public enum KqlType {
    BOOL("bool", "boolean"),
    INT("int", "integer"),
    LONG("long", "bigint"),
    REAL("real", "double precision"),
    STRING("string", "text"),
    DATETIME("datetime", "timestamptz"),
    TIMESPAN("timespan", "bigint"),
    DYNAMIC("dynamic", "jsonb"),
    GUID("guid", "text");

    private final String kqlName;
    private final String sqlType;

    KqlType(String kqlName, String sqlType) {
        this.kqlName = kqlName;
        this.sqlType = sqlType;
    }

    /** The name the Log Analytics API reports. */
    public String kqlName() {
        return kqlName;
    }

    /** The PostgreSQL type of values of this type. */
    public String sqlType() {
        return sqlType;
    }

    public boolean isNumeric() {
        return this == INT || this == LONG || this == REAL;
    }

    /** Types that sort, compare with {@code <}, and can be arg_max / min / max targets. */
    public boolean isOrderable() {
        return this != DYNAMIC;
    }

    /** The type named in KQL text ({@code typeof(...)}, datatable columns, function parameters), with aliases. */
    public static Optional<KqlType> fromName(String name) {
        switch (name) {
            case "bool":
            case "boolean":
                return Optional.of(BOOL);
            case "int":
                return Optional.of(INT);
            case "long":
                return Optional.of(LONG);
            case "real":
            case "double":
                return Optional.of(REAL);
            case "string":
                return Optional.of(STRING);
            case "datetime":
            case "date":
                return Optional.of(DATETIME);
            case "timespan":
            case "time":
                return Optional.of(TIMESPAN);
            case "dynamic":
                return Optional.of(DYNAMIC);
            case "guid":
                return Optional.of(GUID);
            default:
                return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return kqlName;
    }
}
