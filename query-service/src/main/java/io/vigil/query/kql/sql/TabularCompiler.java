package io.vigil.query.kql.sql;

import io.vigil.query.kql.KqlErrorCodes;
import io.vigil.query.kql.binding.Binding;
import io.vigil.query.kql.binding.Environment;
import io.vigil.query.kql.syntax.Expr;
import io.vigil.query.kql.syntax.TabularOperator;

import java.util.Optional;

/**
 * Compiles tabular expressions: resolves the source (table, let, function, datatable, print, range, union) and
 * applies each operator of the pipeline, every operator wrapping the previous SELECT in a new one.
 */
final class TabularCompiler {

    private final CompilerServices services;
    private final SourceCompiler sources;
    private final RowOperators rowOperators;
    private final ProjectionCompiler projections;
    private final SummarizeCompiler summarize;
    private final JoinCompiler joins;
    private final UnionCompiler unions;

    TabularCompiler(CompilerServices services) {
        this.services = services;
        this.sources = new SourceCompiler(services);
        this.rowOperators = new RowOperators(services);
        this.projections = new ProjectionCompiler(services);
        this.summarize = new SummarizeCompiler(services);
        this.joins = new JoinCompiler(services);
        this.unions = new UnionCompiler(services);
    }

    /** Whether the expression denotes a table (as opposed to a scalar) in {@code environment}. */
    boolean isTabular(Expr expression, Environment environment) {
        if (expression instanceof Expr.Pipeline || expression instanceof Expr.Datatable || expression instanceof Expr.Print
                || expression instanceof Expr.Range || expression instanceof Expr.Union) {
            return true;
        }
        if (expression instanceof Expr.Parenthesized parenthesized) {
            return isTabular(parenthesized.inner(), environment);
        }
        if (expression instanceof Expr.NameRef name) {
            Optional<Binding> binding = environment.lookup(name.name());
            if (binding.isPresent()) {
                Binding bound = binding.get();
                if (bound instanceof Binding.LetValue let) {
                    return isTabular(let.let().value(), let.scope());
                }
                if (bound instanceof Binding.Argument argument) {
                    return isTabular(argument.expression(), argument.callerScope());
                }
                if (bound instanceof Binding.Function function && function.let().function().parameters().isEmpty()) {
                    return isTabular(new Expr.Call(name.position(), name.name(), java.util.List.of()), environment);
                }
                return false;
            }
            return services.context.catalog().table(name.name()).isPresent();
        }
        if (expression instanceof Expr.Call call) {
            Optional<Binding> binding = environment.lookup(call.name());
            if (binding.isPresent() && binding.get() instanceof Binding.Function function) {
                return new FunctionExpansion(services, call, function).returnsTable();
            }
        }
        return false;
    }

    Relation compile(Expr expression, Environment environment) {
        if (expression instanceof Expr.Pipeline pipeline) {
            Relation relation = compile(pipeline.source(), environment);
            for (TabularOperator operator : pipeline.operators()) {
                relation = apply(operator, relation, environment);
                services.context.checkSize(relation.sql(), operator.position());
            }
            return relation;
        }
        if (expression instanceof Expr.Parenthesized parenthesized) {
            return compile(parenthesized.inner(), environment);
        }
        if (expression instanceof Expr.NameRef name) {
            return named(name, environment);
        }
        if (expression instanceof Expr.Datatable datatable) {
            return sources.datatable(datatable, environment);
        }
        if (expression instanceof Expr.Print print) {
            return sources.print(print, environment);
        }
        if (expression instanceof Expr.Range range) {
            return sources.range(range, environment);
        }
        if (expression instanceof Expr.Union union) {
            return unions.compile(union.clause(), null, environment, union.position());
        }
        if (expression instanceof Expr.Call call) {
            Optional<Binding> binding = environment.lookup(call.name());
            if (binding.isPresent() && binding.get() instanceof Binding.Function function) {
                FunctionExpansion expansion = new FunctionExpansion(services, call, function);
                if (expansion.returnsTable()) {
                    return expansion.compileTabular(environment);
                }
            }
        }
        throw expression.position().error(KqlErrorCodes.TYPE, "expected a table here, found a scalar expression");
    }

    private Relation named(Expr.NameRef reference, Environment environment) {
        String name = reference.name();
        Optional<Binding> binding = environment.lookup(name);
        if (binding.isPresent()) {
            Binding bound = binding.get();
            if (bound instanceof Binding.LetValue let) {
                if (!isTabular(let.let().value(), let.scope())) {
                    throw reference.position().error(KqlErrorCodes.TYPE, "'" + name + "' is a scalar value, not a table");
                }
                return compile(let.let().value(), let.scope()).withSourceName(name);
            }
            if (bound instanceof Binding.Argument argument) {
                if (!isTabular(argument.expression(), argument.callerScope())) {
                    throw reference.position().error(KqlErrorCodes.TYPE, "'" + name + "' is a scalar value, not a table");
                }
                return compile(argument.expression(), argument.callerScope()).withSourceName(name);
            }
            if (bound instanceof Binding.Function function && function.let().function().parameters().isEmpty()) {
                // a view (or any function without parameters) is referenced like a table
                return compile(new Expr.Call(reference.position(), name, java.util.List.of()), environment).withSourceName(name);
            }
            throw reference.position().error(KqlErrorCodes.TYPE, "'" + name + "' is a function; call it as " + name + "()");
        }
        return sources.table(reference);
    }

    private Relation apply(TabularOperator operator, Relation input, Environment environment) {
        if (operator instanceof TabularOperator.Where where) {
            return rowOperators.where(where, input, environment);
        }
        if (operator instanceof TabularOperator.Project project) {
            return projections.project(project.items(), input, environment);
        }
        if (operator instanceof TabularOperator.Extend extend) {
            return projections.extend(extend.items(), input, environment);
        }
        if (operator instanceof TabularOperator.ProjectAway away) {
            return projections.away(away.patterns(), input);
        }
        if (operator instanceof TabularOperator.ProjectKeep keep) {
            return projections.keep(keep.patterns(), input);
        }
        if (operator instanceof TabularOperator.ProjectReorder reorder) {
            return projections.reorder(reorder.patterns(), input);
        }
        if (operator instanceof TabularOperator.ProjectRename rename) {
            return projections.rename(rename.renames(), input);
        }
        if (operator instanceof TabularOperator.Summarize summarizeOperator) {
            return summarize.compile(summarizeOperator, input, environment);
        }
        if (operator instanceof TabularOperator.Take take) {
            return rowOperators.take(take.count(), input, environment);
        }
        if (operator instanceof TabularOperator.Sort sort) {
            return rowOperators.sort(sort.keys(), input, environment);
        }
        if (operator instanceof TabularOperator.Top top) {
            Relation sorted = rowOperators.sort(java.util.List.of(top.key()), input, environment);
            return rowOperators.take(top.count(), sorted, environment);
        }
        if (operator instanceof TabularOperator.Distinct distinct) {
            return rowOperators.distinct(distinct, input, environment);
        }
        if (operator instanceof TabularOperator.Count) {
            return rowOperators.count(input);
        }
        if (operator instanceof TabularOperator.Join join) {
            return joins.compile(join, input, environment);
        }
        if (operator instanceof TabularOperator.UnionWith union) {
            return unions.compile(union.clause(), input, environment, union.position());
        }
        throw operator.position().error(KqlErrorCodes.UNSUPPORTED, "operator not supported");
    }
}
