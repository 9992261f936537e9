package io.vigil.simulator.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ProgressAndReportTest {

    @Test
    void progressLineShowsTotalsRatesInFlightAndConnections() {
        StatsSnapshot previous = new StatsSnapshot(4_000, 40_000, 0, 3_990, 0, 10, 50, 50, 0, 0, 0, 0, "");
        StatsSnapshot now = new StatsSnapshot(4_500, 45_000, 0, 4_490, 2, 8, 49, 50, 0, 1, 0, 0, "");
        String line = ProgressLine.format(now, previous, 9_000_000_000L, 1_000_000_000L, 50);
        assertThat(line).isEqualTo(
                "    9.0s  sent 4500  acked 4490  events 45000  rate 500/s  avg 499/s  in-flight 8  failed 2  connected 49/50");
        StatsSnapshot refused = new StatsSnapshot(0, 0, 0, 0, 0, 0, 0, 0, 12, 0, 0, 0, "refused");
        assertThat(ProgressLine.format(refused, StatsSnapshot.ZERO, 2_000_000_000L, 1_000_000_000L, 3))
                .endsWith("connected 0/3  connect failures 12");
    }

    @Test
    void reportHasTheKeysTheBenchmarkReads(@TempDir Path folder) throws Exception {
        RunSummary summary = new RunSummary("localhost:1883", "mixed", 50, 7, 500, 10, 10, "duration",
                Instant.parse("2026-11-24T10:00:00Z"), Instant.parse("2026-11-24T10:01:00Z"), 60.0, 30_000,
                300_000, 140_000_000, 29_990, 10, 50, 0, 1, 3.25, 41.0, "", Map.of("normal", 45, "web-shell", 5),
                Map.of("sim-device-3", "web-shell"));
        Path file = folder.resolve("out/report.json");
        RunReport.write(summary, file);
        JsonNode report = new ObjectMapper().readTree(file.toFile());
        assertThat(report.get("messages").asLong()).isEqualTo(30_000);
        assertThat(report.get("events").asLong()).isEqualTo(300_000);
        assertThat(report.get("acked").asLong()).isEqualTo(29_990);
        assertThat(report.get("failed").asLong()).isEqualTo(10);
        assertThat(report.get("durationSeconds").asDouble()).isEqualTo(60.0);
        assertThat(report.get("messagesPerSecond").asDouble()).isEqualTo(500.0);
        assertThat(report.get("ackedPerSecond").asDouble()).isEqualTo(499.833);
        assertThat(report.get("eventsPerSecond").asDouble()).isEqualTo(5_000.0);
        assertThat(report.get("succeeded").asBoolean()).isFalse();
        assertThat(report.get("ackLatencyMillis").get("mean").asDouble()).isEqualTo(3.25);
        assertThat(report.get("suspiciousDevices").get("sim-device-3").asText()).isEqualTo("web-shell");
        assertThat(summary.describe()).startsWith("done (duration) in 60.0s: 30000 messages sent, 29990 acked, 10 failed");
    }
}
