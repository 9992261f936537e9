package io.vigil.detection.customalerts;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One tumbling window of a time-window rule: windows of the rule's size laid end to end from the Unix epoch, so that
 * every replica, and every restart, puts an event in the same window without sharing anything but the size. A window
 * holds its start and excludes its end.
 */
public record ActivityWindow(Instant start, Duration size) {

    /** The window of {@code size} that holds {@code at}. */
    public static ActivityWindow of(Instant at, Duration size) {
        long seconds = size.getSeconds();
        return new ActivityWindow(Instant.ofEpochSecond(Math.floorDiv(at.getEpochSecond(), seconds) * seconds), size);
    }

    public Instant end() {
        return start.plus(size);
    }

    public ActivityWindow next() {
        return new ActivityWindow(end(), size);
    }

    /**
     * The windows to check for too few activities at {@code now}: those that ended at least {@code grace} ago (late
     * events have had that long to arrive), that started within {@code lookBack} before that, and no earlier
     * than {@code notBefore} (when the rule was set: a window it did not watch whole proves nothing). Oldest first.
     */
    public static List<ActivityWindow> closed(Duration size, Instant now, Duration grace, Duration lookBack, Instant notBefore) {
        Instant closedBy = now.minus(grace);
        Instant from = closedBy.minus(lookBack).isAfter(notBefore) ? closedBy.minus(lookBack) : notBefore;
        ActivityWindow window = of(from, size);
        if (window.start().isBefore(from)) {
            window = window.next();
        }
        List<ActivityWindow> windows = new ArrayList<>();
        for (; !window.end().isAfter(closedBy); window = window.next()) {
            windows.add(window);
        }
        return windows;
    }
}
