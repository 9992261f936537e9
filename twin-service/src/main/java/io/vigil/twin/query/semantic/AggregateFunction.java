package io.vigil.twin.query.semantic;

/** The aggregates a select list may hold. COUNT takes no argument, the others one property. */
public enum AggregateFunction {
    COUNT,
    SUM,
    AVG,
    MIN,
    MAX
}
