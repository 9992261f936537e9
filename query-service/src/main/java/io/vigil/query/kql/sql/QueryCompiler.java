package io.vigil.query.kql.sql;

import io.vigil.query.kql.CompiledKql;
import io.vigil.query.kql.KqlErrorCodes;
import io.vigil.query.kql.KqlLimits;
import io.vigil.query.kql.ResultColumn;
import io.vigil.query.kql.TimeWindow;
import io.vigil.query.kql.binding.Binding;
import io.vigil.query.kql.binding.Environment;
import io.vigil.query.kql.catalog.WorkspaceCatalog;
import io.vigil.query.kql.syntax.Expressions;
import io.vigil.query.kql.syntax.Statement;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Compiles a parsed query to the final statement: the result's columns, its order if sorted, the row limit. */
public final class QueryCompiler {

    private QueryCompiler() {
    }

    public static CompiledKql compile(Statement.Query query, WorkspaceCatalog catalog, Optional<TimeWindow> window,
                                      Optional<List<String>> hubs, Instant now, KqlLimits limits) {
        CompilationContext context = new CompilationContext(catalog, window, hubs, now);
        CompilerServices services = new CompilerServices(context);
        Environment environment = Environment.empty();
        for (Statement.Let let : query.lets()) {
            environment = environment.with(let.name(), Statement.isFunction(let)
                    ? new Binding.Function(let, environment) : new Binding.LetValue(let, environment));
        }
        if (!services.tabular.isTabular(query.result(), environment)) {
            throw Expressions.start(query.result()).error(KqlErrorCodes.TYPE,
                    "the query must end with a tabular expression (a table, a pipeline, print, datatable, ...)");
        }
        Relation relation = services.tabular.compile(query.result(), environment);
        String alias = context.newAlias();
        List<String> items = new ArrayList<>();
        List<ResultColumn> columns = new ArrayList<>();
        for (Relation.Column column : relation.visibleColumns()) {
            items.add(alias + "." + column.sqlName() + " AS c" + (items.size() + 1));
            columns.add(new ResultColumn(column.name(), column.type().kqlName()));
        }
        String limit = context.bind((long) limits.maxRows() + 1);
        // The row limit sits outside a materialized CTE: planned under the LIMIT, a scan whose result is expected to
        // pass the limit is costed as stopping early and loses its parallel workers, even when it must read the whole
        // table to find few rows (seed 002's related-alerts query ran 1.6x slower than the same SQL without LIMIT).
        // The CTE is still read lazily, so a take over a large table stops as early as before.
        String sql = "WITH " + alias + " AS MATERIALIZED (" + relation.sql() + ") SELECT " + String.join(", ", items)
                + " FROM " + alias + OrderBySql.clause(alias, relation.order()) + " LIMIT " + limit;
        context.checkSize(sql, Expressions.start(query.result()));
        ParameterCompaction.Result compacted = ParameterCompaction.compact(sql, context.parameters());
        return new CompiledKql(compacted.sql(), compacted.parameters(), columns, limits.maxRows());
    }
}
