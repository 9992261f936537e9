package io.vigil.faults.report;

import io.vigil.faults.check.AlertCheck;
import io.vigil.faults.check.StoredEvents;

import java.util.OptionalDouble;

/**
 * One row of the report: a fault (or the steady start) with the rows of the messages acknowledged while it was on,
 * what became of them, its own attack wave's alerts, and how long the suite took to catch up after it.
 */
public record PhaseResult(String fault, long messages, long unconfirmedMessages, StoredEvents.Tally rows,
                          AlertCheck.Outcome alerts, OptionalDouble recoverySeconds, boolean recoveryExpected) {

    public boolean recovered() {
        return !recoveryExpected || recoverySeconds.isPresent();
    }
}
