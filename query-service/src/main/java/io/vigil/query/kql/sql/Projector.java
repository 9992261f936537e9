package io.vigil.query.kql.sql;

import io.vigil.query.kql.types.KqlType;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes {@code SELECT <outputs> FROM (<input>) AS alias}, numbering the output columns c1..cN and, when asked,
 * carrying the input's sort keys along (as hidden columns h1..hM when the outputs do not include them).
 */
final class Projector {

    /** One output column: its KQL name and value. */
    record Output(String name, SqlValue value) {
    }

    private Projector() {
    }

    static Relation select(Relation input, String alias, List<Output> outputs, boolean keepOrder) {
        return select(input, alias, outputs, keepOrder, "");
    }

    /** As {@link #select(Relation, String, List, boolean)}, with a clause after FROM ({@code WHERE ...}). */
    static Relation select(Relation input, String alias, List<Output> outputs, boolean keepOrder, String tail) {
        List<String> items = new ArrayList<>();
        List<Relation.Column> columns = new ArrayList<>();
        Map<String, String> columnOfSql = new HashMap<>();
        int number = 0;
        for (Output output : outputs) {
            String sqlName = "c" + (++number);
            SqlValue value = output.value();
            items.add(value.sql() + " AS " + sqlName);
            columns.add(new Relation.Column(output.name(), value.type(), sqlName,
                    value.type() != KqlType.STRING && value.nullable(), value.jsonText(), false));
            columnOfSql.putIfAbsent(value.sql(), sqlName);
        }
        List<Relation.OrderKey> order = new ArrayList<>();
        if (keepOrder) {
            int hidden = 0;
            for (Relation.OrderKey key : input.order()) {
                String reference = alias + "." + key.sqlName();
                String target = columnOfSql.get(reference);
                if (target == null) {
                    target = "h" + (++hidden);
                    items.add(reference + " AS " + target);
                    columns.add(new Relation.Column("", key.type(), target, true, false, true));
                    columnOfSql.put(reference, target);
                }
                order.add(new Relation.OrderKey(target, key.type(), key.descending(), key.nullsFirst()));
            }
        }
        String sql = "SELECT " + (items.isEmpty() ? "" : String.join(", ", items)) + " FROM (" + input.sql() + ") AS " + alias + tail;
        return new Relation(sql, columns, order, null);
    }

    /** The visible columns of {@code input}, read through {@code alias}, as outputs. */
    static List<Output> passThrough(Relation input, String alias) {
        List<Output> outputs = new ArrayList<>();
        for (Relation.Column column : input.visibleColumns()) {
            outputs.add(new Output(column.name(), new SqlValue(alias + "." + column.sqlName(), column.type(),
                    column.nullable(), column.jsonText(), null)));
        }
        return outputs;
    }
}
