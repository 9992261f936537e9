package io.vigil.query.kql.sql;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The columns an expression can reference, by KQL name, with their SQL spelling. Immutable. */
public final class RowScope {

    private static final RowScope EMPTY = new RowScope(new LinkedHashMap<>());

    private final Map<String, SqlValue> columns;

    private RowScope(Map<String, SqlValue> columns) {
        this.columns = columns;
    }

    public static RowScope empty() {
        return EMPTY;
    }

    /** The visible columns of {@code relation}, read through {@code alias}. */
    public static RowScope of(Relation relation, String alias) {
        Map<String, SqlValue> columns = new LinkedHashMap<>();
        for (Relation.Column column : relation.visibleColumns()) {
            SqlValue value = new SqlValue(alias + "." + column.sqlName(), column.type(), column.nullable(),
                    column.jsonText(), null);
            if (!column.storedMembers().isEmpty()) {
                Map<String, String> members = new LinkedHashMap<>();
                column.storedMembers().forEach((member, sqlName) -> members.put(member, alias + "." + sqlName));
                value = value.withStored(new SqlValue.StoredMembers(members));
            }
            columns.put(column.name(), value);
        }
        return new RowScope(columns);
    }

    public Optional<SqlValue> lookup(String name) {
        return Optional.ofNullable(columns.get(name));
    }

    public boolean contains(String name) {
        return columns.containsKey(name);
    }

    public Set<String> names() {
        return columns.keySet();
    }

    /** This scope plus (or with a new value for) one column. */
    public RowScope with(String name, SqlValue value) {
        Map<String, SqlValue> copy = new LinkedHashMap<>(columns);
        copy.put(name, value);
        return new RowScope(copy);
    }

    public Optional<String> nameIgnoringCase(String wanted) {
        return columns.keySet().stream().filter(n -> n.equalsIgnoreCase(wanted)).findFirst();
    }
}
