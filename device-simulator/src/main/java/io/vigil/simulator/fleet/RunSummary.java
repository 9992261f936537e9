package io.vigil.simulator.fleet;

import java.time.Instant;
import java.util.Locale;
import java.util.Map;

/**
 * The outcome of a run, for the closing line and the JSON report. {@code messages = acked + failed}: every
 * message sent was either acknowledged or counted as failed by the end.
 *
 * @param durationSeconds from start until sending stopped and in-flight messages were settled
 * @param stopReason      {@code duration}, {@code messages}, {@code interrupted}, or {@code stalled: ...}
 */
public record RunSummary(String broker, String scenario, int devices, long seed, double targetRate,
                         int eventsPerMessage, int maxInFlight, String stopReason, Instant startedAt,
                         Instant endedAt, double durationSeconds, long messages, long events, long bytes,
                         long acked, long failed, int devicesConnected, long connectFailures,
                         long connectionLosses, double meanAckLatencyMillis, double maxAckLatencyMillis,
                         String lastConnectError, Map<String, Integer> devicesByScenario,
                         Map<String, String> suspiciousDevices) {

    public double messagesPerSecond() {
        return perSecond(messages);
    }

    public double ackedPerSecond() {
        return perSecond(acked);
    }

    public double eventsPerSecond() {
        return perSecond(events);
    }

    /** Whether the run did what was asked: something was acknowledged and nothing failed or stalled. */
    public boolean succeeded() {
        return acked > 0 && failed == 0 && !stopReason.startsWith("stalled");
    }

    /** The closing line on stderr. */
    public String describe() {
        return String.format(Locale.ROOT,
                "done (%s) in %.1fs: %d messages sent, %d acked, %d failed; %d events; %.1f msg/s acked, "
                        + "%.1f events/s; ack latency mean %.1f ms, max %.1f ms; %d/%d devices connected, "
                        + "%d connect failures, %d connections lost",
                stopReason, durationSeconds, messages, acked, failed, events, ackedPerSecond(), eventsPerSecond(),
                meanAckLatencyMillis, maxAckLatencyMillis, devicesConnected, devices, connectFailures,
                connectionLosses);
    }

    private double perSecond(long count) {
        return durationSeconds <= 0 ? 0 : count / durationSeconds;
    }
}
