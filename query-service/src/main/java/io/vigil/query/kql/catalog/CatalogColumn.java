package io.vigil.query.kql.catalog;

import io.vigil.query.kql.types.KqlType;

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
 */
public record CatalogColumn(String name, KqlType type, String sqlColumn, String constant, boolean nullable, boolean jsonText) {

    public CatalogColumn {
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
