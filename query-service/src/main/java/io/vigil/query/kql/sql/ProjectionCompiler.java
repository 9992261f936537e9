package io.vigil.query.kql.sql;

import io.vigil.query.kql.KqlErrorCodes;
import io.vigil.query.kql.binding.ColumnNaming;
import io.vigil.query.kql.binding.Environment;
import io.vigil.query.kql.binding.UniqueNames;
import io.vigil.query.kql.syntax.Assignment;
import io.vigil.query.kql.syntax.Expr;
import io.vigil.query.kql.syntax.TabularOperator.NamePattern;
import io.vigil.query.kql.syntax.TabularOperator.Rename;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * project, extend, project-away, project-keep, project-reorder, project-rename. All keep the row order. An item of
 * project or extend may use the columns defined by the items before it.
 */
final class ProjectionCompiler {

    private final CompilerServices services;

    ProjectionCompiler(CompilerServices services) {
        this.services = services;
    }

    /** Exactly the listed columns, in the listed order. */
    Relation project(List<Assignment> items, Relation input, Environment environment) {
        String alias = services.context.newAlias();
        ParseOnce.Plan parsing = ParseOnce.plan(expressions(items), RowScope.of(input, alias), services.context);
        RowScope scope = parsing.scope();
        UniqueNames names = new UniqueNames();
        List<Projector.Output> outputs = new ArrayList<>();
        for (Assignment item : items) {
            SqlValue value = new ExpressionCompiler(services, environment, scope, null).compile(item.expression());
            String name = name(item, scope, names);
            outputs.add(new Projector.Output(name, value));
            scope = scope.with(name, value);
        }
        return Projector.select(input, alias, outputs, true, parsing.fromTail());
    }

    /**
     * Appends computed columns. A column given the name of an existing one replaces it and moves to the end (the
     * documented behaviour: "removed and appended as their new calculated values"); a derived name that is taken
     * gets a numeric suffix.
     */
    Relation extend(List<Assignment> items, Relation input, Environment environment) {
        String alias = services.context.newAlias();
        ParseOnce.Plan parsing = ParseOnce.plan(expressions(items), RowScope.of(input, alias), services.context);
        RowScope scope = parsing.scope();
        Map<String, SqlValue> outputs = new LinkedHashMap<>();
        UniqueNames names = new UniqueNames();
        for (Projector.Output column : Projector.passThrough(input, alias)) {
            outputs.put(column.name(), column.value());
            names.reserve(column.name());
        }
        Set<String> declaredHere = new HashSet<>();
        for (Assignment item : items) {
            SqlValue value = new ExpressionCompiler(services, environment, scope, null).compile(item.expression());
            String name;
            if (item.names().size() > 1) {
                throw item.position().error(KqlErrorCodes.UNSUPPORTED, "extend takes one name per expression");
            }
            if (item.isNamed()) {
                name = item.names().get(0);
                if (!declaredHere.add(name)) {
                    throw item.position().error(KqlErrorCodes.DUPLICATE_COLUMN, "column '" + name + "' is declared twice");
                }
                outputs.remove(name);
                names.reserve(name);
            } else {
                RowScope current = scope;
                name = ColumnNaming.derive(item.expression(), current::contains).map(names::derived)
                        .orElseGet(() -> names.numbered("Column", 1));
                declaredHere.add(name);
            }
            outputs.put(name, value);
            scope = scope.with(name, value);
        }
        List<Projector.Output> list = new ArrayList<>();
        outputs.forEach((name, value) -> list.add(new Projector.Output(name, value)));
        return Projector.select(input, alias, list, true, parsing.fromTail());
    }

    private static List<Expr> expressions(List<Assignment> items) {
        return items.stream().map(Assignment::expression).toList();
    }

    Relation away(List<NamePattern> patterns, Relation input) {
        Set<String> removed = matching(patterns, input);
        String alias = services.context.newAlias();
        List<Projector.Output> outputs = new ArrayList<>();
        for (Projector.Output column : Projector.passThrough(input, alias)) {
            if (!removed.contains(column.name())) {
                outputs.add(column);
            }
        }
        return Projector.select(input, alias, outputs, true);
    }

    Relation keep(List<NamePattern> patterns, Relation input) {
        Set<String> kept = matching(patterns, input);
        String alias = services.context.newAlias();
        List<Projector.Output> outputs = new ArrayList<>();
        for (Projector.Output column : Projector.passThrough(input, alias)) {
            if (kept.contains(column.name())) {
                outputs.add(column);
            }
        }
        return Projector.select(input, alias, outputs, true);
    }

    /** The listed columns first, in the order listed (a pattern's matches in their input order), then the rest. */
    Relation reorder(List<NamePattern> patterns, Relation input) {
        matching(patterns, input);
        String alias = services.context.newAlias();
        List<Projector.Output> all = Projector.passThrough(input, alias);
        List<Projector.Output> outputs = new ArrayList<>();
        for (NamePattern pattern : patterns) {
            for (Projector.Output column : all) {
                if (pattern.matches(column.name()) && !outputs.contains(column)) {
                    outputs.add(column);
                }
            }
        }
        for (Projector.Output column : all) {
            if (!outputs.contains(column)) {
                outputs.add(column);
            }
        }
        return Projector.select(input, alias, outputs, true);
    }

    /** New = Old: renamed in place. */
    Relation rename(List<Rename> renames, Relation input) {
        String alias = services.context.newAlias();
        List<Projector.Output> outputs = Projector.passThrough(input, alias);
        Set<String> newNames = new HashSet<>();
        for (Rename rename : renames) {
            int index = indexOf(outputs, rename.oldName());
            if (index < 0) {
                throw rename.position().error(KqlErrorCodes.UNKNOWN_COLUMN, "project-rename: unknown column '" + rename.oldName() + "'");
            }
            if (!newNames.add(rename.newName())) {
                throw rename.position().error(KqlErrorCodes.DUPLICATE_COLUMN, "column '" + rename.newName() + "' is declared twice");
            }
            outputs.set(index, new Projector.Output(rename.newName(), outputs.get(index).value()));
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < outputs.size(); i++) {
            if (!seen.add(outputs.get(i).name())) {
                throw renames.get(0).position().error(KqlErrorCodes.DUPLICATE_COLUMN,
                        "project-rename would give two columns the name '" + outputs.get(i).name() + "'");
            }
        }
        return Projector.select(input, alias, outputs, true);
    }

    private static int indexOf(List<Projector.Output> outputs, String name) {
        for (int i = 0; i < outputs.size(); i++) {
            if (outputs.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    /** The visible columns matched by the patterns; a plain name that matches nothing is an error. */
    private static Set<String> matching(List<NamePattern> patterns, Relation input) {
        Set<String> matched = new HashSet<>();
        for (NamePattern pattern : patterns) {
            boolean any = false;
            for (Relation.Column column : input.visibleColumns()) {
                if (pattern.matches(column.name())) {
                    matched.add(column.name());
                    any = true;
                }
            }
            if (!any && !pattern.isWildcard()) {
                throw pattern.position().error(KqlErrorCodes.UNKNOWN_COLUMN, "unknown column '" + pattern.pattern() + "'");
            }
        }
        return matched;
    }

    private static String name(Assignment item, RowScope scope, UniqueNames names) {
        if (item.names().size() > 1) {
            throw item.position().error(KqlErrorCodes.UNSUPPORTED, "project takes one name per expression");
        }
        if (item.isNamed()) {
            return names.explicit(item.names().get(0), item.position());
        }
        return ColumnNaming.derive(item.expression(), scope::contains).map(names::derived)
                .orElseGet(() -> names.numbered("Column", 1));
    }
}
