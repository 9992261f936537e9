package io.vigil.simulator.fleet;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Running totals of the whole fleet, updated by every connection and read by the progress line. Counters only
 * grow, except the two gauges (in flight, connected).
 * <p>
 * Every message sent ends up either acknowledged or failed: failed when the publish was refused, its PUBACK did
 * not come within the acknowledgement timeout, the connection dropped before it came, or the run ended first.
 */
final class FleetStats {

    private final LongAdder sent = new LongAdder();
    private final LongAdder events = new LongAdder();
    private final LongAdder bytes = new LongAdder();
    private final LongAdder acked = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final LongAdder connectFailures = new LongAdder();
    private final LongAdder connectionLosses = new LongAdder();
    private final LongAdder ackLatencyNanos = new LongAdder();
    private final AtomicLong maxAckLatencyNanos = new AtomicLong();
    private final AtomicLong inFlight = new AtomicLong();
    private final AtomicInteger connected = new AtomicInteger();
    private final AtomicInteger everConnected = new AtomicInteger();
    private volatile String lastConnectError = "";

    void messageSent(int eventCount, int byteCount) {
        sent.increment();
        events.add(eventCount);
        bytes.add(byteCount);
        inFlight.incrementAndGet();
    }

    void messageAcked(long latencyNanos) {
        acked.increment();
        inFlight.decrementAndGet();
        ackLatencyNanos.add(latencyNanos);
        maxAckLatencyNanos.accumulateAndGet(latencyNanos, Math::max);
    }

    void messagesFailed(int count) {
        if (count > 0) {
            failed.add(count);
            inFlight.addAndGet(-count);
        }
    }

    void connected(boolean firstTime) {
        connected.incrementAndGet();
        if (firstTime) {
            everConnected.incrementAndGet();
        }
    }

    void disconnected(boolean unexpectedly) {
        connected.decrementAndGet();
        if (unexpectedly) {
            connectionLosses.increment();
        }
    }

    void connectFailed(String reason) {
        connectFailures.increment();
        lastConnectError = reason;
    }

    long inFlight() {
        return inFlight.get();
    }

    int connected() {
        return connected.get();
    }

    StatsSnapshot snapshot() {
        return new StatsSnapshot(sent.sum(), events.sum(), bytes.sum(), acked.sum(), failed.sum(), inFlight.get(),
                connected.get(), everConnected.get(), connectFailures.sum(), connectionLosses.sum(),
                ackLatencyNanos.sum(), maxAckLatencyNanos.get(), lastConnectError);
    }
}
