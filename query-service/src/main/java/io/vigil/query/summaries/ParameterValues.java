package io.vigil.query.summaries;

import io.vigil.query.execution.QueryFailure;

import java.util.LinkedHashMap;
import java.util.Map;

/** Parameter values from a JSON body as the text the compiler converts; only scalars are values. */
final class ParameterValues {

    private ParameterValues() {
    }

    static Map<String, String> of(Map<String, Object> json) {
        Map<String, String> values = new LinkedHashMap<>();
        if (json == null) {
            return values;
        }
        json.forEach((name, value) -> {
            if (value instanceof String || value instanceof Number || value instanceof Boolean) {
                values.put(name, value.toString());
            } else {
                throw new QueryFailure(400, "kql.parameter", "parameter '" + name + "' must be a string, number or boolean");
            }
        });
        return values;
    }
}
