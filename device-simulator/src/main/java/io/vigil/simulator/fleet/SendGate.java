package io.vigil.simulator.fleet;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Decides, for the whole fleet, whether one more message may go out now: the run has not been stopped, the
 * message budget ({@code --messages}) is not spent, and the rate limiter has a token.
 * <p>
 * Under a rate limit devices take turns. A device told {@link Permit#LATER} joins a line here;
 * {@link #wakeWaiters()}, run every millisecond, gives the front of the line as many turns as there are tokens not
 * already promised to devices woken earlier. While anyone is in line or holds a turn, a device that was not woken
 * (say, one whose PUBACK just came back) cannot take a token: it joins the line instead. So no device can starve
 * the others, and no device polls. Thread-safe.
 */
final class SendGate {

    /** The answer to "may I send?". */
    enum Permit {
        /** Send one message now. */
        GRANTED,
        /** Not now: join the line with {@link #wakeMeLater} and try again when woken. */
        LATER,
        /** The run is over (stopped or out of budget): send nothing more. */
        NEVER
    }

    private final TokenBucket bucket;
    private final AtomicLong remainingMessages;
    private final Queue<Runnable> line = new ConcurrentLinkedQueue<>();
    private final AtomicInteger turnsGiven = new AtomicInteger();
    private volatile boolean closed;

    /**
     * @param bucket        the rate limiter, or null to send as fast as acknowledgements allow
     * @param messageBudget how many messages the run may send in all ({@code Long.MAX_VALUE} for no limit)
     */
    SendGate(TokenBucket bucket, long messageBudget) {
        this.bucket = bucket;
        this.remainingMessages = new AtomicLong(messageBudget);
    }

    /**
     * @param onTurn whether the caller was woken from the line and is using its turn; a turn is used up by this
     *               call whatever the answer
     */
    Permit tryAcquire(boolean onTurn) {
        if (onTurn) {
            turnsGiven.decrementAndGet();
        }
        if (closed || remainingMessages.get() <= 0) {
            return Permit.NEVER;
        }
        if (bucket != null) {
            boolean othersFirst = !onTurn && (!line.isEmpty() || turnsGiven.get() > 0);
            if (othersFirst || !bucket.tryTake()) {
                return Permit.LATER;
            }
        }
        // The budget is taken after the token: a token lost at the very end costs nothing, a message over budget would.
        if (remainingMessages.getAndDecrement() <= 0) {
            return Permit.NEVER;
        }
        return Permit.GRANTED;
    }

    /** Gives back a turn the caller was woken for but cannot use (its connection dropped, its window is full). */
    void passTurn() {
        turnsGiven.decrementAndGet();
    }

    /** Joins the line; {@code wakeUp} runs when it is the caller's turn (or the run ends). */
    void wakeMeLater(Runnable wakeUp) {
        line.add(wakeUp);
        if (closed) {
            // Lost the race with close(): make sure nobody stays in line.
            wakeAll();
        }
    }

    /** Gives turns to the front of the line, one per token not yet promised (everyone once the gate is closed). */
    void wakeWaiters() {
        if (closed || bucket == null) {
            wakeAll();
            return;
        }
        long unpromised = bucket.available() - turnsGiven.get();
        for (long i = 0; i < unpromised; i++) {
            Runnable next = line.poll();
            if (next == null) {
                return;
            }
            turnsGiven.incrementAndGet();
            next.run();
        }
    }

    /** Stops all sending; devices in line are woken so they see {@link Permit#NEVER}. */
    void close() {
        closed = true;
        wakeAll();
    }

    /** Whether the message budget is spent (never true without {@code --messages}). */
    boolean budgetSpent() {
        return remainingMessages.get() <= 0;
    }

    private void wakeAll() {
        Runnable next;
        while ((next = line.poll()) != null) {
            turnsGiven.incrementAndGet();
            next.run();
        }
    }
}
