package io.vigil.query.kql.catalog;

import java.util.List;
import java.util.Optional;

/**
 * A workspace table: its KQL name, the SQL table, the column the API time window applies to, and its columns in
 * the order KQL shows them.
 */
public record CatalogTable(String name, String sqlTable, String timeGeneratedColumn, List<CatalogColumn> columns) {

    /** The column that names a row's hub (its resource id) in every workspace table, as in Azure Monitor. */
    public static final String HUB_COLUMN = "_ResourceId";

    public CatalogTable {
        columns = List.copyOf(columns);
    }

    public Optional<CatalogColumn> column(String columnName) {
        return columns.stream().filter(c -> c.name().equals(columnName)).findFirst();
    }
}
