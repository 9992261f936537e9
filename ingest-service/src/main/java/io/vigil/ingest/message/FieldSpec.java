package io.vigil.ingest.message;

import java.util.Set;

/**
 * One property of a payload item: its name, what kind of value it holds, whether it must be present and, for
 * {@link FieldKind#ENUM}, the allowed strings.
 */
record FieldSpec(String name, FieldKind kind, boolean required, Set<String> allowedValues) {

    FieldSpec {
        allowedValues = Set.copyOf(allowedValues);
        if ((kind == FieldKind.ENUM) == allowedValues.isEmpty()) {
            throw new IllegalArgumentException(name + ": allowed values go with ENUM fields and only with them");
        }
    }
}
