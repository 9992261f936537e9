package io.vigil.query.summaries;

import java.util.Map;

/**
 * The body of a run: values for the saved query's parameters (strings, numbers or booleans, converted to each
 * parameter's type) and the optional Log Analytics {@code timespan}.
 */
public record SummaryRun(Map<String, Object> parameters, String timespan) {
}
