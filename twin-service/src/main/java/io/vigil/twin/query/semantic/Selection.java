package io.vigil.twin.query.semantic;

import java.util.List;
import java.util.Optional;

/** What each result item is made of. */
public sealed interface Selection {

    /** {@code SELECT *}: the whole twin document. */
    record WholeTwin() implements Selection {
    }

    /** {@code SELECT a.b, c AS d}: one object per twin with the defined properties. */
    record Fields(List<Field> fields) implements Selection {
    }

    /**
     * A projected property.
     *
     * @param alias the key in the result; when empty, the last name of the path as the document spells it
     */
    record Field(PropertyPath path, Optional<String> alias) {
    }

    /** Aggregates, optionally per value of a GROUP BY property: one object per group. */
    record Grouped(Optional<PropertyPath> groupBy, List<GroupedOutput> outputs) implements Selection {
    }

    /** One key of an aggregate result object. */
    sealed interface GroupedOutput {
        String name();
    }

    /** The GROUP BY value under the given key. */
    record GroupKey(String name) implements GroupedOutput {
    }

    /** An aggregate under the given key; argument is empty for COUNT(). */
    record Aggregate(AggregateFunction function, Optional<PropertyPath> argument, String name)
            implements GroupedOutput {
    }
}
