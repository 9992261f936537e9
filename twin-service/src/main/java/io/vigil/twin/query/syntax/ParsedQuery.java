package io.vigil.twin.query.syntax;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A query as written.
 *
 * @param top         the TOP count, if any
 * @param selectAll   whether the select list is {@code *}
 * @param selectItems the select list otherwise
 * @param from        the collection
 * @param where       the condition, if any
 * @param groupBy     the grouping property, if any
 */
public record ParsedQuery(OptionalLong top, boolean selectAll, List<SelectItem> selectItems, CollectionName from,
                          Optional<ExpressionNode> where, Optional<ExpressionNode.Path> groupBy) {

    /** One element of the select list, with its alias. */
    public record SelectItem(ExpressionNode expression, Optional<Alias> alias) {
    }

    /** {@code AS name}. */
    public record Alias(String name, SourcePosition position) {
    }

    /** The FROM collection in lower case ({@code devices}, {@code devices.modules}...). */
    public record CollectionName(String name, SourcePosition position) {
    }
}
