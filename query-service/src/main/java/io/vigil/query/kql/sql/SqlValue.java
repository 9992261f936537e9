package io.vigil.query.kql.sql;

import io.vigil.query.kql.types.KqlType;

import java.util.Map;

/**
 * A compiled scalar: SQL text with its KQL type.
 *
 * @param sql      the SQL expression (placeholders already numbered)
 * @param type     its KQL type
 * @param nullable whether it can be NULL; a string never is (KQL has no string null)
 * @param jsonText a string known to hold well-formed JSON (a catalog JSON column), so parsing needs no check
 * @param constant the literal value when the expression is a literal of the query (for arguments that must be
 *                 constant, like a JSON path); null when not a literal
 * @param stored   what the table guarantees about this JSON value, or null: lets {@code tostring()} of a member
 *                 read a column instead of parsing the JSON
 */
public record SqlValue(String sql, KqlType type, boolean nullable, boolean jsonText, Constant constant, StoredJson stored) {

    /** A literal's value; {@code value} is null for a typed null. */
    public record Constant(Object value) {
    }

    /** Facts a table's constraints give about a JSON text of one of its rows, or about a value parsed from it. */
    public sealed interface StoredJson {
    }

    /** JSON text (or its parsed value) whose top-level members' text also stands in columns: member name to SQL. */
    public record StoredMembers(Map<String, String> columns) implements StoredJson {
        public StoredMembers {
            columns = Map.copyOf(columns);
        }
    }

    /** A member of such a value: its text ({@code tostring()}, "" when missing or null) is this SQL column. */
    public record StoredText(String sql) implements StoredJson {
    }

    /**
     * JSON text already parsed for this row (see ParseOnce): {@code jsonbSql} is its jsonb value, {@code members}
     * what the table stores of its members, or null.
     */
    public record ParsedJson(String jsonbSql, StoredMembers members) implements StoredJson {
    }

    public SqlValue(String sql, KqlType type, boolean nullable, boolean jsonText, Constant constant) {
        this(sql, type, nullable, jsonText, constant, null);
    }

    public SqlValue {
        if (type == KqlType.STRING && nullable) {
            throw new IllegalStateException("a string expression must never be null: " + sql);
        }
    }

    public static SqlValue of(String sql, KqlType type, boolean nullable) {
        return new SqlValue(sql, type, nullable, false, null);
    }

    public static SqlValue notNull(String sql, KqlType type) {
        return new SqlValue(sql, type, false, false, null);
    }

    /** Strings are never null: a string result is coalesced to '' when it could be. */
    public static SqlValue string(String sql, boolean couldBeNull) {
        return new SqlValue(couldBeNull ? "coalesce(" + sql + ", '')" : sql, KqlType.STRING, false, false, null);
    }

    public boolean isConstant() {
        return constant != null;
    }

    public Object constantValue() {
        return constant == null ? null : constant.value();
    }

    /** The same value in a different SQL spelling (parenthesised, cast), keeping what is known about it. */
    public SqlValue withSql(String newSql) {
        return new SqlValue(newSql, type, nullable, jsonText, constant, stored);
    }

    /** The same value, with what its table guarantees about it. */
    public SqlValue withStored(StoredJson facts) {
        return new SqlValue(sql, type, nullable, jsonText, constant, facts);
    }
}
