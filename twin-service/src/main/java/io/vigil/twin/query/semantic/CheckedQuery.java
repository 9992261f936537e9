package io.vigil.twin.query.semantic;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * A query that passed every check and only needs SQL.
 *
 * @param collection which twins
 * @param top        the TOP cap, if any
 * @param where      the condition, if any
 * @param selection  what each item is made of
 */
public record CheckedQuery(TwinCollection collection, OptionalLong top, Optional<Expr> where, Selection selection) {
}
