package io.vigil.simulator.fleet;

/** The fleet's totals at one moment. */
record StatsSnapshot(long sent, long events, long bytes, long acked, long failed, long inFlight, int connected,
                     int everConnected, long connectFailures, long connectionLosses, long ackLatencyNanosTotal,
                     long maxAckLatencyNanos, String lastConnectError) {

    static final StatsSnapshot ZERO = new StatsSnapshot(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, "");

    double meanAckLatencyMillis() {
        return acked == 0 ? 0 : ackLatencyNanosTotal / 1e6 / acked;
    }

    double maxAckLatencyMillis() {
        return maxAckLatencyNanos / 1e6;
    }
}
