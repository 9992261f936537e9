package io.vigil.query.kql.sql;

import io.vigil.query.kql.types.KqlType;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A compiled tabular expression: a SELECT statement, its columns (KQL name, type, SQL column name), and the row
 * order it carries.
 * <p>
 * SQL does not keep the order of a subquery, so a sort is not written where it happens: the relation remembers its
 * sort keys, and the operators that need the order (take, top, toscalar, make_list, the final SELECT) write
 * {@code ORDER BY} themselves. Operators that keep KQL's row order (where, project, extend, ...) carry the keys
 * along, as hidden columns when the query no longer shows them.
 *
 * @param sql        a complete SELECT
 * @param columns    the columns, hidden ones included
 * @param order      the sort keys, most significant first; empty when the rows have no defined order
 * @param sourceName the table or let name when the relation is a plain reference (union withsource), or null
 */
public record Relation(String sql, List<Column> columns, List<OrderKey> order, String sourceName) {

    /**
     * @param hidden   not part of the KQL result (a sort key the query projected away)
     * @param jsonText a string column known to hold well-formed JSON
     * @param storedMembers for a JSON column read straight from its table: members whose text another (hidden)
     *                 column of this relation holds, member name to that column's SQL name
     *                 ({@link io.vigil.query.kql.catalog.CatalogColumn#storedMembers()})
     */
    public record Column(String name, KqlType type, String sqlName, boolean nullable, boolean jsonText, boolean hidden,
                         Map<String, String> storedMembers) {

        public Column(String name, KqlType type, String sqlName, boolean nullable, boolean jsonText, boolean hidden) {
            this(name, type, sqlName, nullable, jsonText, hidden, Map.of());
        }

        public Column {
            storedMembers = Map.copyOf(storedMembers);
        }
    }

    /** A sort key over one column of the relation. */
    public record OrderKey(String sqlName, KqlType type, boolean descending, boolean nullsFirst) {
    }

    public Relation {
        columns = List.copyOf(columns);
        order = List.copyOf(order);
    }

    public List<Column> visibleColumns() {
        return columns.stream().filter(c -> !c.hidden()).toList();
    }

    public Optional<Column> visibleColumn(String name) {
        return columns.stream().filter(c -> !c.hidden() && c.name().equals(name)).findFirst();
    }

    public boolean isOrdered() {
        return !order.isEmpty();
    }

    public Relation withSourceName(String name) {
        return new Relation(sql, columns, order, name);
    }
}
