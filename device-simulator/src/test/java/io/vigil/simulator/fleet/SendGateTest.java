package io.vigil.simulator.fleet;

import io.vigil.simulator.fleet.SendGate.Permit;
import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class SendGateTest {

    private final AtomicLong now = new AtomicLong();

    private void advanceMillis(long millis) {
        now.addAndGet(TimeUnit.MILLISECONDS.toNanos(millis));
    }

    @Test
    void withoutARateOnlyTheBudgetLimits() {
        SendGate gate = new SendGate(null, 3);
        assertThat(gate.tryAcquire(false)).isEqualTo(Permit.GRANTED);
        assertThat(gate.tryAcquire(false)).isEqualTo(Permit.GRANTED);
        assertThat(gate.budgetSpent()).isFalse();
        assertThat(gate.tryAcquire(false)).isEqualTo(Permit.GRANTED);
        assertThat(gate.tryAcquire(false)).isEqualTo(Permit.NEVER);
        assertThat(gate.budgetSpent()).isTrue();
    }

    @Test
    void anEmptyBucketSaysLaterAndEachTokenWakesOneDeviceOnce() {
        SendGate gate = new SendGate(new TokenBucket(1000, 100, now::get), Long.MAX_VALUE);
        assertThat(gate.tryAcquire(false)).isEqualTo(Permit.GRANTED);
        assertThat(gate.tryAcquire(false)).isEqualTo(Permit.LATER);
        AtomicInteger woken = new AtomicInteger();
        for (int i = 0; i < 5; i++) {
            gate.wakeMeLater(woken::incrementAndGet);
        }
        gate.wakeWaiters();
        assertThat(woken).hasValue(0);
        advanceMillis(3);
        gate.wakeWaiters();
        assertThat(woken).hasValue(3);
        // The three tokens are promised to the three woken devices until they use their turns.
        gate.wakeWaiters();
        assertThat(woken).hasValue(3);
        assertThat(gate.tryAcquire(true)).isEqualTo(Permit.GRANTED);
        gate.passTurn();
        assertThat(gate.tryAcquire(true)).isEqualTo(Permit.GRANTED);
        gate.wakeWaiters();
        assertThat(woken).hasValue(4);
    }

    @Test
    void aDeviceNotInLineCannotJumpIt() {
        SendGate gate = new SendGate(new TokenBucket(1000, 100, now::get), Long.MAX_VALUE);
        gate.tryAcquire(false);
        AtomicInteger woken = new AtomicInteger();
        gate.wakeMeLater(woken::incrementAndGet);
        advanceMillis(5);
        // Tokens are there, but someone is waiting: a device that just got its PUBACK queues up behind.
        assertThat(gate.tryAcquire(false)).isEqualTo(Permit.LATER);
        gate.wakeWaiters();
        assertThat(woken).hasValue(1);
        assertThat(gate.tryAcquire(false)).isEqualTo(Permit.LATER);
        assertThat(gate.tryAcquire(true)).isEqualTo(Permit.GRANTED);
        // Nobody waits any more: first come, first served.
        assertThat(gate.tryAcquire(false)).isEqualTo(Permit.GRANTED);
    }

    @Test
    void closingStopsEverythingAndReleasesTheLine() {
        SendGate gate = new SendGate(new TokenBucket(1, 1, now::get), Long.MAX_VALUE);
        gate.tryAcquire(false);
        AtomicInteger woken = new AtomicInteger();
        gate.wakeMeLater(woken::incrementAndGet);
        gate.wakeMeLater(woken::incrementAndGet);
        gate.close();
        assertThat(woken).hasValue(2);
        assertThat(gate.tryAcquire(true)).isEqualTo(Permit.NEVER);
        gate.wakeMeLater(woken::incrementAndGet);
        assertThat(woken).hasValue(3);
    }
}
