package io.vigil.detection.customalerts;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Window arithmetic: tumbling windows aligned to the epoch, and which of them a scan checks. */
class ActivityWindowTest {

    private static final Duration FIFTEEN = Duration.ofMinutes(15);

    @Test
    void windowsAreAlignedToTheEpochAndHoldTheirStartButNotTheirEnd() {
        ActivityWindow window = ActivityWindow.of(Instant.parse("2026-12-03T10:14:59.999Z"), FIFTEEN);
        assertThat(window.start()).isEqualTo(Instant.parse("2026-12-03T10:00:00Z"));
        assertThat(window.end()).isEqualTo(Instant.parse("2026-12-03T10:15:00Z"));
        assertThat(ActivityWindow.of(Instant.parse("2026-12-03T10:15:00Z"), FIFTEEN).start()).isEqualTo(window.end());
        assertThat(window.next().start()).isEqualTo(window.end());
        // A size that does not divide an hour still lays its windows from the epoch, the same on every replica.
        assertThat(ActivityWindow.of(Instant.parse("2026-12-03T10:14:00Z"), Duration.ofMinutes(7)).start())
                .isEqualTo(Instant.ofEpochSecond(Instant.parse("2026-12-03T10:14:00Z").getEpochSecond() / 420 * 420));
        assertThat(ActivityWindow.of(Instant.parse("1969-12-31T23:59:30Z"), Duration.ofMinutes(5)).start())
                .as("before the epoch too").isEqualTo(Instant.parse("1969-12-31T23:55:00Z"));
    }

    @Test
    void aWindowIsCheckedOnlyOnceItsGraceHasPassed() {
        Instant saved = Instant.parse("2026-12-03T09:00:00Z");
        Duration grace = Duration.ofMinutes(1);
        assertThat(ActivityWindow.closed(FIFTEEN, Instant.parse("2026-12-03T10:15:59Z"), grace, Duration.ofHours(1), saved))
                .extracting(ActivityWindow::start).last().isEqualTo(Instant.parse("2026-12-03T09:45:00Z"));
        assertThat(ActivityWindow.closed(FIFTEEN, Instant.parse("2026-12-03T10:16:00Z"), grace, Duration.ofHours(1), saved))
                .extracting(ActivityWindow::start).last().isEqualTo(Instant.parse("2026-12-03T10:00:00Z"));
    }

    @Test
    void onlyWindowsTheRuleWatchedWholeAndWithinTheLookBackAreChecked() {
        Duration grace = Duration.ofMinutes(1);
        Instant now = Instant.parse("2026-12-03T12:01:00Z");
        List<ActivityWindow> sinceSave = ActivityWindow.closed(FIFTEEN, now, grace, Duration.ofHours(1), Instant.parse("2026-12-03T11:20:00Z"));
        assertThat(sinceSave).extracting(ActivityWindow::start)
                .containsExactly(Instant.parse("2026-12-03T11:30:00Z"), Instant.parse("2026-12-03T11:45:00Z"));
        List<ActivityWindow> lookBack = ActivityWindow.closed(FIFTEEN, now, grace, Duration.ofHours(1), Instant.EPOCH);
        assertThat(lookBack).extracting(ActivityWindow::start).containsExactly(Instant.parse("2026-12-03T11:00:00Z"),
                Instant.parse("2026-12-03T11:15:00Z"), Instant.parse("2026-12-03T11:30:00Z"), Instant.parse("2026-12-03T11:45:00Z"));
        assertThat(ActivityWindow.closed(FIFTEEN, now, grace, Duration.ofHours(1), now)).as("saved just now").isEmpty();
    }
}
