package io.vigil.faults.load;

import java.util.ArrayList;
import java.util.List;

/**
 * How many rows and events had been acknowledged at each moment, sampled, so that recovery can ask "is the store
 * holding everything the devices had published {@code bound} ago?".
 */
public final class AckTimeline {

    private record Sample(long atNanos, long rows, long events) {
    }

    private final PublishLedger ledger;
    private final List<Sample> samples = new ArrayList<>();

    public AckTimeline(PublishLedger ledger) {
        this.ledger = ledger;
    }

    public synchronized void sample() {
        samples.add(new Sample(System.nanoTime(), ledger.rows(), ledger.eventCount()));
    }

    /** Rows acknowledged by the given moment (the last sample at or before it). */
    public synchronized long rowsAt(long nanos) {
        return at(nanos).rows();
    }

    public synchronized long eventsAt(long nanos) {
        return at(nanos).events();
    }

    private Sample at(long nanos) {
        Sample found = new Sample(0, 0, 0);
        for (int i = samples.size() - 1; i >= 0; i--) {
            if (samples.get(i).atNanos() - nanos <= 0) {
                found = samples.get(i);
                break;
            }
        }
        return found;
    }
}
