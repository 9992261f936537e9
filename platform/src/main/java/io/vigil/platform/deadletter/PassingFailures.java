package io.vigil.platform.deadletter;

import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;

import java.io.IOException;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeoutException;

/**
 * Tells failures that pass (the database or the network away, a conflict with another transaction) from those
 * that retrying cannot mend. A message is parked only for the second kind, so an outage never fills the dead
 * letters with messages that would have gone through a minute later.
 */
final class PassingFailures {

    /** SQLSTATE classes: connection exception, insufficient resources, operator intervention, system error. */
    private static final Set<String> PASSING_CLASSES = Set.of("08", "53", "57", "58");
    /** Serialisation failure, deadlock, lock not available. */
    private static final Set<String> PASSING_STATES = Set.of("40001", "40P01", "55P03");

    private PassingFailures() {
    }

    static boolean isPassing(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof PgException pg) {
                String state = pg.getSqlState() == null ? "" : pg.getSqlState();
                return state.length() == 5 && (PASSING_CLASSES.contains(state.substring(0, 2)) || PASSING_STATES.contains(state));
            }
            if (cause instanceof IOException || cause instanceof TimeoutException || cause instanceof ClosedConnectionException) {
                return true;
            }
            // The pool's and the client's own words for a lost or unavailable connection.
            String message = String.valueOf(cause.getMessage()).toLowerCase(Locale.ROOT);
            if (message.contains("connection") || message.contains("timeout") || message.contains("timed out")) {
                return true;
            }
        }
        return false;
    }
}
