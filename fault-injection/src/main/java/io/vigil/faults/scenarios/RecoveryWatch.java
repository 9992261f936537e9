package io.vigil.faults.scenarios;

import io.vigil.faults.check.Sql;
import io.vigil.faults.load.AckTimeline;
import io.vigil.faults.topology.Topology;

import java.sql.SQLException;
import java.time.Duration;
import java.util.OptionalDouble;

/**
 * When a fault is over: the first moment at which every service is ready again and both the raw-event store and
 * detection hold everything the devices had published up to {@code lagBound} before, including messages published
 * after the fault ended (so a pipeline that has nothing to catch up only because the devices are still
 * reconnecting does not count as recovered). Measured in seconds from the end of the fault.
 */
public final class RecoveryWatch {

    private static final long POLL_MS = 250;

    private RecoveryWatch() {
    }

    public static OptionalDouble await(Topology topology, AckTimeline timeline, long healedAtNanos, Duration lagBound,
                                       Duration timeout) throws InterruptedException {
        long deadline = healedAtNanos + timeout.toNanos();
        long rowsAtHeal = timeline.rowsAt(healedAtNanos);
        while (System.nanoTime() - deadline < 0) {
            long now = System.nanoTime();
            long publishedBy = now - lagBound.toNanos();
            if (timeline.rowsAt(publishedBy) > rowsAtHeal && everyServiceReady(topology) && caughtUp(topology, timeline, publishedBy)) {
                return OptionalDouble.of(Math.max(0, now - healedAtNanos) / 1e9);
            }
            Thread.sleep(POLL_MS);
        }
        return OptionalDouble.empty();
    }

    private static boolean everyServiceReady(Topology topology) {
        return Topology.SERVICES.stream().allMatch(topology::isReady);
    }

    private static boolean caughtUp(Topology topology, AckTimeline timeline, long publishedBy) {
        try {
            long stored = Sql.single(topology::connect, "SELECT count(*) FROM workspace.security_iot_raw_event");
            if (stored < timeline.rowsAt(publishedBy)) {
                return false;
            }
            long detected = Sql.single(topology::connect, "SELECT count(*) FROM detection.handled_event");
            return detected >= timeline.eventsAt(publishedBy);
        } catch (SQLException databaseAway) {
            return false;
        }
    }
}
