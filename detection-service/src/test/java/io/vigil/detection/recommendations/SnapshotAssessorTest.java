package io.vigil.detection.recommendations;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigil.detection.Observation;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class SnapshotAssessorTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void listeningOnlyOnLoopbackIsNoOpenPort() {
        Assessment open = SnapshotAssessor.assess("ListeningPorts", List.of(port("0.0.0.0", "22"), port("127.0.0.1", "631"),
                port("::", "80"))).get(0);
        assertThat(open.active()).isTrue();
        assertThat(open.details().get("Endpoints").asText()).isEqualTo("[\"0.0.0.0:22\",\":::80\"]");
        assertThat(SnapshotAssessor.assess("ListeningPorts", List.of(port("127.0.0.1", "5432"))).get(0).active()).isFalse();
        assertThat(SnapshotAssessor.assess("ListeningPorts", List.of()).get(0).active()).as("an empty snapshot").isFalse();
    }

    @Test
    void anAllowPolicyAndWideAllowRulesArePermissive() {
        Map<RecommendationType, Assessment> result = byType(SnapshotAssessor.assess("FirewallConfiguration", List.of(
                rule("INPUT", "Allow", "", "", "", "1337"),
                rule("INPUT", "Allow", "10.0.0.0/8", "", "", "22"),
                rule("INPUT", "Allow", "", "", "", ""),
                rule("OUTPUT", "Deny", "", "", "", ""))));
        assertThat(result.get(RecommendationType.PERMISSIVE_FIREWALL_POLICY).active()).isTrue();
        assertThat(result.get(RecommendationType.PERMISSIVE_FIREWALL_POLICY).details().get("Chains").asText()).isEqualTo("[\"INPUT\"]");
        assertThat(result.get(RecommendationType.PERMISSIVE_INPUT_RULES).active()).isTrue();
        assertThat(result.get(RecommendationType.PERMISSIVE_INPUT_RULES).details().get("Rules").asText())
                .isEqualTo("[{\"SourceAddress\":\"\",\"SourcePort\":\"\",\"DestinationAddress\":\"\",\"DestinationPort\":\"1337\"}]");
        assertThat(result.get(RecommendationType.PERMISSIVE_OUTPUT_RULES).active()).isFalse();
    }

    @Test
    void aDenyByDefaultFirewallWithNarrowRulesIsFine() {
        Map<RecommendationType, Assessment> result = byType(SnapshotAssessor.assess("FirewallConfiguration", List.of(
                rule("INPUT", "Allow", "192.168.1.0/24", "", "", "22"),
                rule("INPUT", "Deny", "", "", "", ""),
                rule("OUTPUT", "Deny", "", "", "", ""))));
        assertThat(result.values()).noneMatch(Assessment::active);
    }

    @Test
    void failedBaselineChecksAreCounted() {
        Assessment baseline = SnapshotAssessor.assess("OSBaseline", List.of(check("Fail", "Critical"), check("Pass", "Warning"),
                check("Err", "Warning"))).get(0);
        assertThat(baseline.active()).isTrue();
        assertThat(baseline.details().get("TotalFailedRules").asText()).isEqualTo("1");
        assertThat(baseline.details().get("TotalRulesFailedDuoToError").asText()).isEqualTo("1");
        assertThat(baseline.details().get("TotalCriticalFailedRules").asText()).isEqualTo("1");
        assertThat(SnapshotAssessor.assess("OSBaseline", List.of(check("Pass", "Critical"))).get(0).active()).isFalse();
    }

    private static Map<RecommendationType, Assessment> byType(List<Assessment> assessments) {
        return assessments.stream().collect(Collectors.toMap(Assessment::type, Function.identity()));
    }

    private static Observation port(String address, String port) {
        return observation("ListeningPorts", JSON.createObjectNode().put("LocalAddress", address).put("LocalPort", port).put("Protocol", "tcp"));
    }

    private static Observation rule(String chain, String action, String source, String sourcePort, String destination, String destinationPort) {
        return observation("FirewallConfiguration", JSON.createObjectNode().put("ChainName", chain).put("Action", action)
                .put("Enabled", true).put("SourceAddress", source).put("SourcePort", sourcePort)
                .put("DestinationAddress", destination).put("DestinationPort", destinationPort));
    }

    private static Observation check(String result, String severity) {
        return observation("OSBaseline", JSON.createObjectNode().put("Result", result).put("Severity", severity)
                .put("CceId", "CCE-1").put("Description", "d").put("Error", ""));
    }

    private static Observation observation(String name, ObjectNode item) {
        return new Observation("hub", "device", "event", name, Instant.now(), item);
    }
}
