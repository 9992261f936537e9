package io.vigil.query.kql.catalog;

import io.vigil.query.kql.types.KqlType;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reads like the table documentation: one line per column. */
final class CatalogTableBuilder {

    private final String name;
    private final String sqlTable;
    private final List<CatalogColumn> columns = new ArrayList<>();

    CatalogTableBuilder(String name, String sqlTable) {
        this.name = name;
        this.sqlTable = sqlTable;
    }

    /** A NOT NULL column. */
    CatalogTableBuilder column(String kqlName, KqlType type, String sqlColumn) {
        columns.add(new CatalogColumn(kqlName, type, sqlColumn, null, false, false));
        return this;
    }

    /** A column that may be NULL in SQL. */
    CatalogTableBuilder nullable(String kqlName, KqlType type, String sqlColumn) {
        columns.add(new CatalogColumn(kqlName, type, sqlColumn, null, true, false));
        return this;
    }

    /** A NOT NULL text column that Vigil always fills with well-formed JSON. */
    CatalogTableBuilder json(String kqlName, String sqlColumn) {
        columns.add(new CatalogColumn(kqlName, KqlType.STRING, sqlColumn, null, false, true));
        return this;
    }

    /**
     * As {@link #json}, with top-level members whose text the table keeps in columns of their own too (member name
     * to SQL column), guaranteed equal by a CHECK constraint of the table.
     */
    CatalogTableBuilder json(String kqlName, String sqlColumn, Map<String, String> storedMembers) {
        columns.add(new CatalogColumn(kqlName, KqlType.STRING, sqlColumn, null, false, true, storedMembers));
        return this;
    }

    CatalogTableBuilder constant(String kqlName, String value) {
        columns.add(new CatalogColumn(kqlName, KqlType.STRING, null, value, false, false));
        return this;
    }

    CatalogTable build() {
        return new CatalogTable(name, sqlTable, "time_generated", columns);
    }
}
