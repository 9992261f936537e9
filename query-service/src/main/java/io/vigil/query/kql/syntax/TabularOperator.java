package io.vigil.query.kql.syntax;

import java.util.List;

/** One step of a pipeline, after a {@code |}. */
public sealed interface TabularOperator {

    Position position();

    record Where(Position position, Expr predicate) implements TabularOperator {
    }

    record Project(Position position, List<Assignment> items) implements TabularOperator {
    }

    record ProjectAway(Position position, List<NamePattern> patterns) implements TabularOperator {
    }

    record ProjectKeep(Position position, List<NamePattern> patterns) implements TabularOperator {
    }

    record ProjectReorder(Position position, List<NamePattern> patterns) implements TabularOperator {
    }

    record ProjectRename(Position position, List<Rename> renames) implements TabularOperator {
    }

    record Extend(Position position, List<Assignment> items) implements TabularOperator {
    }

    record Summarize(Position position, List<Assignment> aggregates, List<Assignment> groups) implements TabularOperator {
    }

    /** {@code take} and {@code limit}. */
    record Take(Position position, Expr count) implements TabularOperator {
    }

    record Top(Position position, Expr count, SortKey key) implements TabularOperator {
    }

    /** {@code sort by} and {@code order by}. */
    record Sort(Position position, List<SortKey> keys) implements TabularOperator {
    }

    /** {@code distinct *} has no columns and {@code all} set. */
    record Distinct(Position position, List<Expr> columns, boolean all) implements TabularOperator {
    }

    record Count(Position position) implements TabularOperator {
    }

    /**
     * @param kind      the join flavor as written, or null for the default (innerunique)
     * @param right     the right side: a name or a parenthesised pipeline
     */
    record Join(Position position, String kind, Position kindPosition, Expr right, List<JoinCondition> conditions)
            implements TabularOperator {
    }

    record UnionWith(Position position, UnionClause clause) implements TabularOperator {
    }

    /** A column name or a wildcard pattern ({@code Remote*}). */
    record NamePattern(Position position, String pattern) {

        public boolean isWildcard() {
            return pattern.indexOf('*') >= 0;
        }

        public boolean matches(String name) {
            if (!isWildcard()) {
                return pattern.equals(name);
            }
            StringBuilder regex = new StringBuilder();
            for (char c : pattern.toCharArray()) {
                regex.append(c == '*' ? ".*" : java.util.regex.Pattern.quote(String.valueOf(c)));
            }
            return name.matches(regex.toString());
        }
    }

    record Rename(Position position, String newName, String oldName) {
    }

    /**
     * @param descending null when not written (the default is descending)
     * @param nullsFirst null when not written (nulls first when ascending, last when descending)
     */
    record SortKey(Position position, Expr expression, Boolean descending, Boolean nullsFirst) {
    }

    /** {@code on X} has {@code left.equals(right)}; {@code on $left.A == $right.B}. */
    record JoinCondition(Position position, String left, String right) {
    }
}
