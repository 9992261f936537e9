package io.vigil.simulator.fleet;

import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class TokenBucketTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);

    private void advanceMillis(long millis) {
        now.addAndGet(TimeUnit.MILLISECONDS.toNanos(millis));
    }

    @Test
    void startsWithOneTokenSoTheFirstMessageGoesAtOnce() {
        TokenBucket bucket = new TokenBucket(10, 5, now::get);
        assertThat(bucket.tryTake()).isTrue();
        assertThat(bucket.tryTake()).isFalse();
    }

    @Test
    void tokensAccrueAtTheRate() {
        TokenBucket bucket = new TokenBucket(100, 1000, now::get);
        bucket.tryTake();
        advanceMillis(250);
        assertThat(bucket.available()).isEqualTo(25);
    }

    @Test
    void capacityBoundsTheBurstAfterAPause() {
        TokenBucket bucket = new TokenBucket(100, 10, now::get);
        advanceMillis(60_000);
        assertThat(bucket.available()).isEqualTo(10);
    }

    @Test
    void aGreedyTakerGetsTheRateOverTime() {
        TokenBucket bucket = TokenBucket.forRate(500, now::get);
        long taken = 0;
        for (int millis = 0; millis < 10_000; millis++) {
            while (bucket.tryTake()) {
                taken++;
            }
            advanceMillis(1);
        }
        // 10 s at 500/s, plus at most the starting token.
        assertThat((double) taken).isCloseTo(5_000, within(2.0));
    }

    @Test
    void fractionalRatesWork() {
        TokenBucket bucket = TokenBucket.forRate(0.5, now::get);
        assertThat(bucket.tryTake()).isTrue();
        advanceMillis(1_999);
        assertThat(bucket.tryTake()).isFalse();
        advanceMillis(1);
        assertThat(bucket.tryTake()).isTrue();
    }

    @Test
    void tellsHowLongUntilTheNextToken() {
        TokenBucket bucket = new TokenBucket(4, 1, now::get);
        assertThat(bucket.nanosUntilNextToken()).isZero();
        bucket.tryTake();
        assertThat(bucket.nanosUntilNextToken()).isEqualTo(TimeUnit.MILLISECONDS.toNanos(250));
        advanceMillis(100);
        assertThat(bucket.nanosUntilNextToken()).isEqualTo(TimeUnit.MILLISECONDS.toNanos(150));
    }

    @Test
    void fleetBucketsHoldATenthOfASecond() {
        TokenBucket bucket = TokenBucket.forRate(1000, now::get);
        advanceMillis(10_000);
        assertThat(bucket.available()).isEqualTo(100);
        TokenBucket slow = TokenBucket.forRate(3, now::get);
        advanceMillis(10_000);
        assertThat(slow.available()).isEqualTo(1);
    }

    @Test
    void nonsenseIsRefused() {
        assertThatThrownBy(() -> new TokenBucket(0, 1, now::get)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TokenBucket(10, 0.5, now::get)).isInstanceOf(IllegalArgumentException.class);
    }
}
