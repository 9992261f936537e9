package io.vigil.twin.query.sql;

import io.vigil.twin.query.CompiledTwinQuery;
import io.vigil.twin.query.TwinQueryLimits;
import io.vigil.twin.query.semantic.AggregateFunction;
import io.vigil.twin.query.semantic.CheckedQuery;
import io.vigil.twin.query.semantic.Selection;
import io.vigil.twin.query.semantic.TwinCollection;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns a checked query into the SQL of its pages. All query text (names, constants, aliases) becomes parameters;
 * the SQL itself is assembled only from fixed fragments.
 */
public final class SqlPlanner {

    /** The hub is always $1; the query's own values follow. */
    private static final String HUB = "$1::text";

    private SqlPlanner() {
    }

    public static CompiledTwinQuery plan(CheckedQuery query, TwinQueryLimits limits) {
        SqlParameters parameters = new SqlParameters(2);
        PropertyValues properties = new PropertyValues(parameters);
        ExpressionSql expressions = new ExpressionSql(parameters, properties);
        if (query.selection() instanceof Selection.Grouped) {
            return aggregate(query, (Selection.Grouped) query.selection(), parameters, properties, expressions,
                    limits);
        }
        String filter = query.where().map(expressions::filter).map(f -> " AND " + f).orElse("");
        String fromAndFilter = "FROM twin.twin AS t" + properties.lateralJoin() + " WHERE " + scope(query) + filter;
        if (query.selection() instanceof Selection.WholeTwin) {
            return new RowQueryPlan(CompiledTwinQuery.TWIN, "s.document::text", fromAndFilter, parameters.values(),
                    query.top(), limits.maxPageSize());
        }
        List<String> members = new ArrayList<>();
        for (Selection.Field field : ((Selection.Fields) query.selection()).fields()) {
            members.add(PathSql.projectedMember("s.document", field.path(), field.alias(), parameters));
        }
        return new RowQueryPlan(CompiledTwinQuery.RAW, ItemText.object(members), fromAndFilter, parameters.values(),
                query.top(), limits.maxPageSize());
    }

    private static CompiledTwinQuery aggregate(CheckedQuery query, Selection.Grouped grouped,
                                               SqlParameters parameters, PropertyValues properties,
                                               ExpressionSql expressions, TwinQueryLimits limits) {
        String filter = query.where().map(expressions::filter).map(f -> " AND " + f).orElse("");
        List<String> columns = new ArrayList<>();
        List<String> members = new ArrayList<>();
        if (grouped.groupBy().isPresent()) {
            columns.add(properties.inlineValueOf(grouped.groupBy().get()) + " AS k");
        }
        int aggregateNumber = 0;
        for (Selection.GroupedOutput output : grouped.outputs()) {
            String column;
            if (output instanceof Selection.GroupKey) {
                column = "g.k";
            } else {
                Selection.Aggregate aggregate = (Selection.Aggregate) output;
                aggregateNumber++;
                column = "g.a" + aggregateNumber;
                columns.add(aggregateSql(aggregate.function(), aggregate.argument().map(properties::valueOf)
                        .orElse(null)) + " AS a" + aggregateNumber);
            }
            members.add(ItemText.member(output.name(), column, parameters));
        }
        StringBuilder sql = new StringBuilder("SELECT ").append(ItemText.object(members))
                .append(" AS item, NULL::text AS device_id, NULL::text AS module_id FROM (SELECT ")
                .append(String.join(", ", columns))
                .append(" FROM twin.twin AS t").append(properties.lateralJoin())
                .append(" WHERE ").append(scope(query)).append(filter);
        if (grouped.groupBy().isPresent()) {
            // Undefined values form one group of their own, listed last. The inner ORDER BY and LIMIT (the groups up
            // to the end of the page) let PostgreSQL sort and group in parallel workers instead of one hash table.
            sql.append(" GROUP BY 1 ORDER BY 1 NULLS LAST LIMIT ").append(AggregateQueryPlan.GROUPS_UP_TO_PAGE_END)
                    .append(") AS g ORDER BY g.k NULLS LAST");
        } else {
            sql.append(") AS g");
        }
        return new AggregateQueryPlan(sql.toString(), parameters.values(), query.top(), limits.maxPageSize());
    }

    /**
     * SQL of an aggregate over one property's jsonb values. Only numbers are summed and averaged; MIN and MAX also
     * order strings (by code point), with every number below every string, as Cosmos DB orders mixed types. An
     * aggregate with nothing to aggregate is undefined and left out of the result object; COUNT is then 0.
     */
    private static String aggregateSql(AggregateFunction function, String value) {
        String number = value == null ? null
                : "(CASE WHEN jsonb_typeof(" + value + ") = 'number' THEN (" + value + ")::numeric END)";
        String string = value == null ? null
                : "(CASE WHEN jsonb_typeof(" + value + ") = 'string' THEN " + value + " #>> '{}' END)";
        switch (function) {
            case COUNT:
                return "to_jsonb(count(*))";
            case SUM:
                return "to_jsonb(sum(" + number + "))";
            case AVG:
                return "to_jsonb(avg(" + number + ")::float8)";
            case MIN:
                return "COALESCE(to_jsonb(min(" + number + ")), to_jsonb(min(" + string + " COLLATE \"C\")))";
            default:
                return "COALESCE(to_jsonb(max(" + string + " COLLATE \"C\")), to_jsonb(max(" + number + ")))";
        }
    }

    /** The twins of the hub in the queried collection. */
    private static String scope(CheckedQuery query) {
        return "t.hub = " + HUB + (query.collection() == TwinCollection.DEVICES
                ? " AND t.module_id = ''" : " AND t.module_id <> ''");
    }
}
