package io.vigil.simulator.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AgentMessageTest {

    private static final String AGENT_ID = "5b1f8a4e-2c4d-4f7a-9a1e-0d3c2b1a0f9e";
    private static final Instant NOW = Instant.parse("2026-11-24T10:15:30.123456Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode parse(byte[] json) throws IOException {
        return JSON.readTree(json);
    }

    @Test
    void envelopeCarriesAgentAndSchemaVersion() throws IOException {
        JsonNode message = parse(AgentMessage.from(AGENT_ID).agentVersion("1.2.3")
                .event(Events.processCreate("/usr/bin/id", "id")).toJson());
        assertThat(message.get("AgentVersion").asText()).isEqualTo("1.2.3");
        assertThat(message.get("AgentId").asText()).isEqualTo(AGENT_ID);
        assertThat(message.get("MessageSchemaVersion").asText()).isEqualTo("1.0");
        assertThat(message.get("Events")).hasSize(1);
    }

    @Test
    void timestampsAreRfc3339InUtcAndInTheDeviceOffset() throws IOException {
        JsonNode event = parse(AgentMessage.from(AGENT_ID)
                .localOffset(ZoneOffset.ofHours(1))
                .clock(Clock.fixed(NOW, ZoneOffset.UTC))
                .event(Events.processCreate("/usr/bin/id", "id"))
                .toJson()).get("Events").get(0);
        assertThat(event.get("TimestampUTC").asText()).isEqualTo("2026-11-24T10:15:30.123Z");
        assertThat(event.get("TimestampLocal").asText()).isEqualTo("2026-11-24T11:15:30.123+01:00");
    }

    @Test
    void anEventsOwnTimeAndIdWin() throws IOException {
        UUID id = UUID.fromString("0f8fad5b-d9cb-469f-a165-70867728950e");
        JsonNode event = parse(AgentMessage.from(AGENT_ID)
                .clock(Clock.fixed(NOW, ZoneOffset.UTC))
                .event(Events.processCreate("/usr/bin/id", "id").id(id).at(Instant.parse("2026-01-02T03:04:05Z")))
                .toJson()).get("Events").get(0);
        assertThat(event.get("Id").asText()).isEqualTo(id.toString());
        assertThat(event.get("TimestampUTC").asText()).isEqualTo("2026-01-02T03:04:05.000Z");
    }

    @Test
    void eventsWithoutIdsTakeThemFromTheMessagesSource() throws IOException {
        UUID first = UUID.fromString("00000000-0000-4000-8000-000000000001");
        UUID second = UUID.fromString("00000000-0000-4000-8000-000000000002");
        ArrayDeque<UUID> ids = new ArrayDeque<>(List.of(first, second));
        JsonNode events = parse(AgentMessage.from(AGENT_ID).ids(ids::poll)
                .event(Events.processCreate("/usr/bin/id", "id"))
                .event(Events.processCreate("/usr/bin/w", "w"))
                .toJson()).get("Events");
        assertThat(events.get(0).get("Id").asText()).isEqualTo(first.toString());
        assertThat(events.get(1).get("Id").asText()).isEqualTo(second.toString());
    }

    @Test
    void genericFieldsFollowTheEventType() throws IOException {
        JsonNode events = parse(AgentMessage.from(AGENT_ID)
                .event(Events.loginFailure("/usr/sbin/sshd", "admin"))
                .event(Events.listeningPorts())
                .event(Events.configurationError("x", ConfigurationError.ErrorType.CONFLICT, "y", "z"))
                .event(Events.diagnostic(Diagnostic.Severity.DEBUG, "hello"))
                .toJson()).get("Events");
        assertThat(events.get(0).get("Category").asText()).isEqualTo("Triggered");
        assertThat(events.get(0).get("EventType").asText()).isEqualTo("Security");
        assertThat(events.get(0).get("IsEmpty").asBoolean()).isFalse();
        assertThat(events.get(1).get("Category").asText()).isEqualTo("Periodic");
        assertThat(events.get(1).get("IsEmpty").asBoolean()).isTrue();
        assertThat(events.get(1).get("Payload")).isEmpty();
        assertThat(events.get(2).get("EventType").asText()).isEqualTo("Operational");
        assertThat(events.get(3).get("EventType").asText()).isEqualTo("Diagnostic");
        events.forEach(event -> assertThat(event.get("PayloadSchemaVersion").asText()).isEqualTo("1.0"));
    }

    @Test
    void portsTravelAsStrings() throws IOException {
        JsonNode payload = parse(AgentMessage.from(AGENT_ID)
                .event(Events.loginFailure("/usr/sbin/sshd", "admin").remote("203.0.113.9", 51234).localPort(22))
                .toJson()).get("Events").get(0).get("Payload").get(0);
        assertThat(payload.get("RemotePort").isTextual()).isTrue();
        assertThat(payload.get("RemotePort").asText()).isEqualTo("51234");
        assertThat(payload.get("LocalPort").asText()).isEqualTo("22");
    }

    @Test
    void aggregatedEventsZeroTheirIdsAndDescribeTheWindowInStrings() throws IOException {
        Instant first = Instant.parse("2026-11-24T09:00:00Z");
        JsonNode event = parse(AgentMessage.from(AGENT_ID).localOffset(ZoneOffset.ofHours(2))
                .event(Events.processCreate("/usr/bin/id", "id").processId(77).parentProcessId(70)
                        .extra("Hash", "ab").aggregated(12, first, first.plusSeconds(3600)))
                .toJson()).get("Events").get(0);
        JsonNode item = event.get("Payload").get(0);
        assertThat(event.get("Category").asText()).isEqualTo("Aggregated");
        assertThat(item.get("ProcessId").asInt()).isZero();
        assertThat(item.get("ParentProcessId").asInt()).isZero();
        JsonNode details = item.get("ExtraDetails");
        assertThat(details.get("Hash").asText()).isEqualTo("ab");
        assertThat(details.get("HitCount").asText()).isEqualTo("12");
        assertThat(details.get("StartTimeUtc").asText()).isEqualTo("2026-11-24T09:00:00.000Z");
        assertThat(details.get("EndTimeLocal").asText()).isEqualTo("2026-11-24T12:00:00.000+02:00");
    }

    @Test
    void firewallRulesLikeTheLinuxAgentSpellAnyAsEmpty() throws IOException {
        JsonNode rule = parse(AgentMessage.from(AGENT_ID)
                .event(Events.firewallConfiguration()
                        .rule(FirewallConfiguration.Rule.policy("INPUT", FirewallConfiguration.Action.ALLOW, 3)))
                .toJson()).get("Events").get(0).get("Payload").get(0);
        assertThat(rule.get("ChainName").asText()).isEqualTo("INPUT");
        assertThat(rule.get("Direction").asText()).isEqualTo("In");
        assertThat(rule.get("Priority").asInt()).isEqualTo(3);
        assertThat(rule.get("Action").asText()).isEqualTo("Allow");
        assertThat(rule.get("Enabled").asBoolean()).isTrue();
        for (String field : List.of("SourceAddress", "SourcePort", "DestinationAddress", "DestinationPort", "Protocol")) {
            assertThat(rule.get(field).asText()).as(field).isEmpty();
        }
    }

    @Test
    void mistakesFailWhenBuilt() {
        assertThatThrownBy(() -> AgentMessage.from(AGENT_ID).toJson())
                .hasMessageContaining("at least one event");
        assertThatThrownBy(() -> AgentMessage.from("not-a-guid")).hasMessageContaining("36 characters");
        assertThatThrownBy(() -> AgentMessage.from(AGENT_ID)
                .event(Events.login(Login.Result.FAIL, "/usr/sbin/sshd")).toJson())
                .hasMessageContaining("user name or a user id");
        assertThatThrownBy(() -> Events.outboundConnection("/bin/nc", "203.0.113.1", 70_000))
                .hasMessageContaining("not a port");
    }
}
