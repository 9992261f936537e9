package io.vigil.query.kql;

import java.time.Instant;

/**
 * The API's timespan: every workspace table the query scans only shows rows whose {@code TimeGenerated} lies in
 * {@code [from, to)}. Either end may be null, meaning unbounded on that side.
 */
public record TimeWindow(Instant from, Instant to) {

    public TimeWindow {
        if (from != null && to != null && to.isBefore(from)) {
            throw new IllegalArgumentException("time window ends before it starts: " + from + " .. " + to);
        }
    }
}
