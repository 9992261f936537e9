package io.vigil.twin.query.semantic;

/**
 * Twin properties that the table also stores as indexed columns. The twin service writes each row with
 * {@code device_id = document.deviceId} and {@code module_id = document.moduleId}, so conditions on these
 * properties can read the columns and use the primary key or the (hub, module_id) index.
 */
public enum TwinColumn {
    DEVICE_ID("device_id"),
    MODULE_ID("module_id");

    private final String columnName;

    TwinColumn(String columnName) {
        this.columnName = columnName;
    }

    public String columnName() {
        return columnName;
    }
}
