package io.vigil.simulator.fleet;

import java.util.Locale;

/**
 * The once-a-second status line on stderr. Rates count acknowledged messages: with QoS 1 that is what the broker
 * actually took.
 */
final class ProgressLine {

    private ProgressLine() {
    }

    /**
     * @param now           totals now
     * @param previous      totals at the previous line
     * @param elapsedNanos  time since the run started
     * @param intervalNanos time since the previous line
     * @param devices       devices in the fleet
     */
    static String format(StatsSnapshot now, StatsSnapshot previous, long elapsedNanos, long intervalNanos,
                         int devices) {
        double current = perSecond(now.acked() - previous.acked(), intervalNanos);
        double average = perSecond(now.acked(), elapsedNanos);
        String line = String.format(Locale.ROOT,
                "%7.1fs  sent %d  acked %d  events %d  rate %.0f/s  avg %.0f/s  in-flight %d  failed %d  connected %d/%d",
                elapsedNanos / 1e9, now.sent(), now.acked(), now.events(), current, average, now.inFlight(),
                now.failed(), now.connected(), devices);
        // Only worth the space when the broker is refusing or unreachable.
        return now.connectFailures() == 0 ? line : line + "  connect failures " + now.connectFailures();
    }

    static double perSecond(long count, long nanos) {
        return nanos <= 0 ? 0 : count * 1e9 / nanos;
    }
}
