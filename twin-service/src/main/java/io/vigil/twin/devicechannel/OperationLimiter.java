package io.vigil.twin.devicechannel;

import java.util.HashMap;
import java.util.Map;

/**
 * At most so many twin operations per device and second, so one device's flood cannot starve the others; the
 * device is told 429 and may retry. Fixed one-second windows; used from the single consumer thread only.
 */
final class OperationLimiter {

    /** Beyond this many devices seen in one second the table starts over rather than grow without bound. */
    private static final int MAX_TRACKED = 100_000;

    private final int perSecond;
    private final Map<String, int[]> counts = new HashMap<>();
    private long window = Long.MIN_VALUE;

    OperationLimiter(int perSecond) {
        this.perSecond = perSecond;
    }

    boolean allow(String device, long nowMillis) {
        long second = nowMillis / 1000;
        if (second != window || counts.size() >= MAX_TRACKED) {
            counts.clear();
            window = second;
        }
        int[] count = counts.computeIfAbsent(device, d -> new int[1]);
        return ++count[0] <= perSecond;
    }
}
