package io.vigil.query.kql.sql;

import io.vigil.query.kql.KqlErrorCodes;
import io.vigil.query.kql.binding.Environment;
import io.vigil.query.kql.catalog.CatalogTable;
import io.vigil.query.kql.syntax.Expr;
import io.vigil.query.kql.syntax.Position;
import io.vigil.query.kql.syntax.TabularOperator;
import io.vigil.query.kql.syntax.UnionClause;
import io.vigil.query.kql.types.KqlType;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.HashSet;
import java.util.Set;

/**
 * union (outer by default): all columns of all legs, in order of first appearance, missing cells null ("" for
 * strings). A name that appears with different types becomes one column per type, {@code name_type}.
 * kind=inner keeps only the columns (name and type) common to every leg. withsource=Col adds, first, the
 * name of the leg each row came from: the table or let name, or {@code union_arg<i>} for a parenthesised leg.
 * Table names may use {@code *} wildcards over the workspace tables.
 */
final class UnionCompiler {

    private final CompilerServices services;

    UnionCompiler(CompilerServices services) {
        this.services = services;
    }

    private record Leg(String name, Relation relation) {
    }

    private record OutputColumn(String name, String sourceName, KqlType type) {
    }

    Relation compile(UnionClause clause, Relation piped, Environment environment, Position position) {
        List<Leg> legs = new ArrayList<>();
        if (piped != null) {
            legs.add(new Leg(piped.sourceName() != null ? piped.sourceName() : "union_arg0", piped));
        }
        for (Expr leg : clause.legs()) {
            if (leg instanceof Expr.NameRef name && name.name().contains("*")) {
                TabularOperator.NamePattern pattern = new TabularOperator.NamePattern(name.position(), name.name());
                List<CatalogTable> tables = services.context.catalog().tables().stream()
                        .filter(t -> pattern.matches(t.name())).toList();
                if (tables.isEmpty()) {
                    throw name.position().error(KqlErrorCodes.UNKNOWN_TABLE, "no table matches '" + name.name() + "'");
                }
                for (CatalogTable table : tables) {
                    legs.add(new Leg(table.name(), services.tabular.compile(new Expr.NameRef(name.position(), table.name()), environment)));
                }
                continue;
            }
            Relation relation = services.tabular.compile(leg, environment);
            String name = leg instanceof Expr.NameRef reference ? reference.name() : "union_arg" + legs.size();
            legs.add(new Leg(name, relation));
        }
        List<OutputColumn> outputs = clause.inner() ? commonColumns(legs) : allColumns(legs);
        List<String> selects = new ArrayList<>();
        boolean[] nullable = new boolean[outputs.size()];
        for (Leg leg : legs) {
            String alias = services.context.newAlias();
            List<String> items = new ArrayList<>();
            int number = 0;
            if (clause.withSource() != null) {
                items.add(services.context.bind(leg.name()) + " AS c" + (++number));
            }
            for (int i = 0; i < outputs.size(); i++) {
                OutputColumn output = outputs.get(i);
                Relation.Column column = leg.relation().visibleColumns().stream()
                        .filter(c -> c.name().equals(output.sourceName()) && c.type() == output.type()).findFirst().orElse(null);
                String sql;
                if (column == null) {
                    sql = output.type() == KqlType.STRING ? "''::text" : "NULL::" + output.type().sqlType();
                    nullable[i] = true;
                } else {
                    sql = alias + "." + column.sqlName();
                    nullable[i] |= column.nullable();
                }
                items.add(sql + " AS c" + (++number));
            }
            selects.add("(SELECT " + String.join(", ", items) + " FROM (" + leg.relation().sql() + ") AS " + alias + ")");
        }
        List<Relation.Column> columns = new ArrayList<>();
        int number = 0;
        if (clause.withSource() != null) {
            columns.add(new Relation.Column(clause.withSource(), KqlType.STRING, "c" + (++number), false, false, false));
        }
        Set<String> names = new HashSet<>();
        if (clause.withSource() != null) {
            names.add(clause.withSource());
        }
        for (int i = 0; i < outputs.size(); i++) {
            OutputColumn output = outputs.get(i);
            if (!names.add(output.name())) {
                throw position.error(KqlErrorCodes.DUPLICATE_COLUMN, "union: column '" + output.name() + "' appears twice");
            }
            columns.add(new Relation.Column(output.name(), output.type(), "c" + (++number),
                    output.type() != KqlType.STRING && nullable[i], false, false));
        }
        return new Relation(String.join(" UNION ALL ", selects), columns, List.of(), null);
    }

    private static List<OutputColumn> allColumns(List<Leg> legs) {
        Map<String, List<KqlType>> typesByName = new LinkedHashMap<>();
        for (Leg leg : legs) {
            for (Relation.Column column : leg.relation().visibleColumns()) {
                List<KqlType> types = typesByName.computeIfAbsent(column.name(), n -> new ArrayList<>());
                if (!types.contains(column.type())) {
                    types.add(column.type());
                }
            }
        }
        List<OutputColumn> outputs = new ArrayList<>();
        typesByName.forEach((name, types) -> {
            for (KqlType type : types) {
                outputs.add(new OutputColumn(types.size() == 1 ? name : name + "_" + type.kqlName(), name, type));
            }
        });
        return outputs;
    }

    private static List<OutputColumn> commonColumns(List<Leg> legs) {
        List<OutputColumn> outputs = new ArrayList<>();
        Map<String, Integer> counts = new HashMap<>();
        for (Leg leg : legs) {
            for (Relation.Column column : leg.relation().visibleColumns()) {
                counts.merge(column.name() + "\u0000" + column.type(), 1, Integer::sum);
            }
        }
        for (Relation.Column column : legs.get(0).relation().visibleColumns()) {
            if (counts.getOrDefault(column.name() + "\u0000" + column.type(), 0) == legs.size()) {
                outputs.add(new OutputColumn(column.name(), column.name(), column.type()));
            }
        }
        return outputs;
    }
}
