package io.vigil.faults;

import io.vigil.faults.report.FaultReport;
import io.vigil.faults.report.PhaseResult;
import io.vigil.faults.scenarios.FaultOptions;
import io.vigil.faults.scenarios.FaultRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The short version of the fault-injection suite, on a real PostgreSQL and a real HiveMQ of its own (the stack's
 * embedded servers, so it needs nothing on the machine): under a steady load, kill -9 of detection, a broker
 * restart and a ten-second cut of the database path. Afterwards every message the broker acknowledged is stored
 * exactly once, every expected alert exists exactly once and the twins agree. How fast it recovered goes to the
 * printed report, not into assertions.
 */
class ShortFaultRunTest {

    @Test
    @Timeout(value = 15, unit = TimeUnit.MINUTES)
    void nothingIsLostOrDuplicatedAndEveryAlertIsRaisedOnce() throws Exception {
        FaultOptions options = FaultOptions.defaults().with(200, 10, List.of("kill-detection", "restart-broker", "cut-database"),
                Duration.ofSeconds(5), Duration.ofSeconds(3), Duration.ofSeconds(10), Path.of("target", "fault-injection-test"));

        FaultReport report = new FaultRun(options, System.out).run();
        report.print(System.out);

        assertThat(report.phases()).extracting(PhaseResult::fault)
                .containsExactly("steady", "kill-detection", "restart-broker", "cut-database");
        assertThat(report.total().published()).as("rows the broker acknowledged").isPositive();
        assertThat(report.total().lost()).as("acknowledged rows not stored").isZero();
        assertThat(report.total().duplicated()).as("rows stored twice").isZero();
        for (PhaseResult phase : report.phases()) {
            assertThat(phase.alerts().missing()).as(phase.fault() + ": missing alerts").isEmpty();
            assertThat(phase.alerts().duplicated()).as(phase.fault() + ": alerts raised twice").isEmpty();
            assertThat(phase.alerts().found()).as(phase.fault() + ": alerts").isEqualTo(phase.alerts().expected()).isPositive();
        }
        assertThat(report.violations()).as("every broken invariant but recovery time")
                .filteredOn(v -> !v.contains("did not recover"))
                .isEmpty();
    }
}
