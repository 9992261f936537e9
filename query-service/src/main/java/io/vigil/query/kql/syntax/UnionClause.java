package io.vigil.query.kql.syntax;

import java.util.List;

/**
 * The parameters and legs of a union.
 *
 * @param inner      {@code kind=inner}: only the columns common to all legs
 * @param withSource the name of the column that tells which leg a row came from, or null
 * @param legs       table names (possibly with {@code *} wildcards, as {@link Expr.NameRef}) or parenthesised pipelines
 */
public record UnionClause(boolean inner, String withSource, List<Expr> legs) {
}
