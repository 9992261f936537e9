package io.vigil.twin.query.semantic;

import io.vigil.twin.query.PropertyNameMatching;
import io.vigil.twin.query.TwinQueryErrorCodes;
import io.vigil.twin.query.TwinQueryException;
import io.vigil.twin.query.syntax.ExpressionNode;
import io.vigil.twin.query.syntax.ParsedQuery;
import io.vigil.twin.query.syntax.SourcePosition;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Checks a parsed query against the rules of twin queries and resolves its names: the collection, the condition,
 * what may be selected, and how result keys are named.
 */
public final class QueryAnalyzer {

    private final PropertyNameMatching matching;

    public QueryAnalyzer(PropertyNameMatching matching) {
        this.matching = matching;
    }

    public CheckedQuery analyze(ParsedQuery query) {
        TwinCollection collection = collection(query.from());
        PathResolver paths = new PathResolver(collection, matching);
        ExpressionChecker checker = new ExpressionChecker(paths);
        Optional<Expr> where = query.where().map(checker::check);
        Selection selection = selection(query, paths);
        return new CheckedQuery(collection, query.top(), where, selection);
    }

    private static TwinCollection collection(ParsedQuery.CollectionName from) {
        switch (from.name()) {
            case "devices":
                return TwinCollection.DEVICES;
            case "devices.modules":
                return TwinCollection.MODULES;
            default:
                // devices.jobs: IoT Hub's per-device job records; Vigil keeps no jobs yet.
                throw new TwinQueryException(TwinQueryErrorCodes.UNSUPPORTED,
                        "devices.jobs is not supported: Vigil has no device jobs to query",
                        from.position().line(), from.position().column());
        }
    }

    private Selection selection(ParsedQuery query, PathResolver paths) {
        Optional<PropertyPath> groupBy = query.groupBy().map(paths::resolve);
        if (query.selectAll()) {
            if (groupBy.isPresent()) {
                SourcePosition at = groupBy.get().position();
                throw new TwinQueryException(TwinQueryErrorCodes.GROUPING, "SELECT * cannot be grouped: select the "
                        + "GROUP BY property and aggregates", at.line(), at.column());
            }
            return new Selection.WholeTwin();
        }
        List<SelectedItem> items = new ArrayList<>();
        for (ParsedQuery.SelectItem item : query.selectItems()) {
            items.add(classify(item, paths));
        }
        boolean grouped = groupBy.isPresent() || items.stream().anyMatch(i -> i.aggregate != null);
        Selection selection = grouped ? grouped(items, groupBy) : fields(items);
        rejectDuplicateNames(items);
        return selection;
    }

    /** A select item, classified: either a property or an aggregate (with its argument, if any). */
    private static final class SelectedItem {
        final ParsedQuery.SelectItem item;
        final PropertyPath path;
        final AggregateFunction aggregate;
        String name;

        SelectedItem(ParsedQuery.SelectItem item, PropertyPath path, AggregateFunction aggregate) {
            this.item = item;
            this.path = path;
            this.aggregate = aggregate;
        }

        SourcePosition namePosition() {
            return item.alias().map(ParsedQuery.Alias::position).orElse(item.expression().position());
        }
    }

    private static SelectedItem classify(ParsedQuery.SelectItem item, PathResolver paths) {
        ExpressionNode expression = item.expression();
        if (expression instanceof ExpressionNode.Path) {
            return new SelectedItem(item, paths.resolve((ExpressionNode.Path) expression), null);
        }
        if (expression instanceof ExpressionNode.Call) {
            ExpressionNode.Call call = (ExpressionNode.Call) expression;
            Optional<AggregateFunction> aggregate = FunctionCatalog.aggregate(call.name());
            if (aggregate.isPresent()) {
                return new SelectedItem(item, aggregateArgument(call, aggregate.get(), paths), aggregate.get());
            }
            if (!FunctionCatalog.isKnown(call.name())) {
                throw new TwinQueryException(TwinQueryErrorCodes.UNKNOWN_FUNCTION, "Unknown function '"
                        + call.name() + "': twin queries support " + FunctionCatalog.KNOWN_FUNCTIONS,
                        call.position().line(), call.position().column());
            }
        }
        SourcePosition at = expression.position();
        throw new TwinQueryException(TwinQueryErrorCodes.UNSUPPORTED, "Only properties and the aggregates COUNT(), "
                + "SUM, AVG, MIN and MAX can be selected", at.line(), at.column());
    }

    private static PropertyPath aggregateArgument(ExpressionNode.Call call, AggregateFunction function,
                                                  PathResolver paths) {
        if (function == AggregateFunction.COUNT) {
            if (!call.arguments().isEmpty()) {
                SourcePosition at = call.arguments().get(0).position();
                throw ExpressionChecker.type(at, "COUNT() takes no argument: it counts the twins of each group");
            }
            return null;
        }
        if (call.arguments().size() != 1 || !(call.arguments().get(0) instanceof ExpressionNode.Path)) {
            throw ExpressionChecker.type(call.position(), function + " takes one property, e.g. " + function
                    + "(properties.reported.temperature)");
        }
        return paths.resolve((ExpressionNode.Path) call.arguments().get(0));
    }

    private static Selection grouped(List<SelectedItem> items, Optional<PropertyPath> groupBy) {
        List<Selection.GroupedOutput> outputs = new ArrayList<>();
        int unnamed = 0;
        for (SelectedItem selected : items) {
            if (selected.aggregate == null) {
                SourcePosition at = selected.item.expression().position();
                if (groupBy.isEmpty()) {
                    throw new TwinQueryException(TwinQueryErrorCodes.GROUPING, "'" + selected.path.display()
                            + "' is neither aggregated nor grouped: add GROUP BY " + selected.path.display()
                            + " or select only aggregates", at.line(), at.column());
                }
                if (!selected.path.sameProperty(groupBy.get())) {
                    throw new TwinQueryException(TwinQueryErrorCodes.GROUPING, "'" + selected.path.display()
                            + "' is not the GROUP BY property '" + groupBy.get().display()
                            + "': a grouped query selects the GROUP BY property and aggregates", at.line(), at.column());
                }
                selected.name = selected.item.alias().map(ParsedQuery.Alias::name)
                        .orElse(selected.path.last().name());
                outputs.add(new Selection.GroupKey(selected.name));
            } else {
                if (selected.item.alias().isPresent()) {
                    selected.name = selected.item.alias().get().name();
                } else {
                    // Unnamed aggregates are named $1, $2, ... in order, like Cosmos DB's unnamed expressions.
                    unnamed++;
                    selected.name = "$" + unnamed;
                }
                outputs.add(new Selection.Aggregate(selected.aggregate, Optional.ofNullable(selected.path),
                        selected.name));
            }
        }
        return new Selection.Grouped(groupBy, List.copyOf(outputs));
    }

    private static Selection fields(List<SelectedItem> items) {
        List<Selection.Field> fields = new ArrayList<>();
        for (SelectedItem selected : items) {
            Optional<String> alias = selected.item.alias().map(ParsedQuery.Alias::name);
            selected.name = alias.orElse(selected.path.last().name());
            fields.add(new Selection.Field(selected.path, alias));
        }
        return new Selection.Fields(List.copyOf(fields));
    }

    /**
     * Result keys must differ ignoring case: with case-insensitive names, {@code tags.Region} and
     * {@code properties.reported.region} may both come out as the document's spelling of either.
     */
    private static void rejectDuplicateNames(List<SelectedItem> items) {
        Map<String, SelectedItem> seen = new HashMap<>();
        for (SelectedItem selected : items) {
            SelectedItem earlier = seen.putIfAbsent(selected.name.toLowerCase(Locale.ROOT), selected);
            if (earlier != null) {
                SourcePosition at = selected.namePosition();
                throw new TwinQueryException(TwinQueryErrorCodes.DUPLICATE_NAME, "Two selected items are both named '"
                        + selected.name + "' in the result: give one of them another name with AS", at.line(),
                        at.column());
            }
        }
    }
}
