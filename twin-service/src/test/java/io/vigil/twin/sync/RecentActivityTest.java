package io.vigil.twin.sync;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class RecentActivityTest {

    private static final Instant T = Instant.parse("2026-12-03T10:00:00Z");

    @Test
    void aTwinNeverStoredIsNotCovered() {
        assertThat(new RecentActivity(Duration.ofSeconds(60), 10).covers("a", T)).isFalse();
    }

    @Test
    void sightingsWithinTheGranularityOfWhatIsStoredAreCoveredAndLaterOnesAreNot() {
        RecentActivity recent = new RecentActivity(Duration.ofSeconds(60), 10);
        recent.stored("a", T);

        assertThat(recent.covers("a", T.minusSeconds(5))).isTrue();
        assertThat(recent.covers("a", T.plusSeconds(60))).isTrue();
        assertThat(recent.covers("a", T.plusSeconds(61))).isFalse();
        assertThat(recent.covers("b", T)).isFalse();
    }

    @Test
    void theBoundOnlyMovesForward() {
        RecentActivity recent = new RecentActivity(Duration.ofSeconds(60), 10);
        recent.stored("a", T.plusSeconds(100));
        recent.stored("a", T);

        assertThat(recent.covers("a", T.plusSeconds(150))).isTrue();
    }

    @Test
    void theLeastRecentlySeenTwinsAreForgottenBeyondTheLimit() {
        RecentActivity recent = new RecentActivity(Duration.ofSeconds(60), 2);
        recent.stored("a", T);
        recent.stored("b", T);
        recent.covers("a", T);
        recent.stored("c", T);

        assertThat(recent.covers("a", T)).isTrue();
        assertThat(recent.covers("b", T)).isFalse();
        assertThat(recent.covers("c", T)).isTrue();
    }
}
