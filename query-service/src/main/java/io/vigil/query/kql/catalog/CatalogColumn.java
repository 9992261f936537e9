package io.vigil.query.kql.catalog;

import io.vigil.query.kql.types.KqlType;

import java.util.Map;

/**
 * One column of a workspace table as KQL sees it.
 *
 * @param name      the KQL column name (case-sensitive)
 * @param type      its KQL type
 * @param sqlColumn the SQL column holding it, or null for a constant column
 * @param constant  the value of a constant column ({@code Type}, {@code SourceSystem}), or null
 * @param nullable  whether the SQL column may hold NULL (strings are then read as {@code ""})
 * @param jsonText  a string column whose content is always well-formed JSON (written by Vigil), so that
 *                  {@code parse_json}/{@code extract_json} may cast it without a validity check
 * @param storedMembers for a JSON column: top-level members whose text the table also keeps in a column of its own,
 *                  member name to SQL column. The database guarantees the two agree (a CHECK constraint:
 *                  the column equals {@code coalesce(json -> member #>> '{}', '')}), so that
 *                  {@code tostring(parse_json(C)["member"])} may read the column instead of parsing every row
 */
public record CatalogColumn(String name, KqlType type, String sqlColumn, String constant, boolean nullable, boolean jsonText,
                            Map<String, String> storedMembers) {

    public CatalogColumn(String name, KqlType type, String sqlColumn, String constant, boolean nullable, boolean jsonText) {
        this(name, type, sqlColumn, constant, nullable, jsonText, Map.of());
    }

    public CatalogColumn {
        storedMembers = Map.copyOf(storedMembers);
        if (!storedMembers.isEmpty() && !jsonText) {
            throw new IllegalArgumentException("column " + name + " keeps members in columns but is not a JSON column");
        }
        if ((sqlColumn == null) == (constant == null)) {
            throw new IllegalArgumentException("column " + name + " needs exactly one of an SQL column and a constant");
        }
        if (constant != null && type != KqlType.STRING) {
            throw new IllegalArgumentException("constant column " + name + " must be a string");
        }
    }

    public boolean isConstant() {
        return constant != null;
    }
}
