package io.vigil.simulator.agent;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The schema check itself must be strict enough to catch what real backends reject, or the other tests prove
 * nothing. These are the mistakes the agent project's own invalid samples make, plus a bad IP address (caught only
 * with format assertions on).
 */
class AgentSchemaValidatorTest {

    private static final String CONNECTION = """
            {"AgentVersion":"0.0.6","AgentId":"5b1f8a4e-2c4d-4f7a-9a1e-0d3c2b1a0f9e","MessageSchemaVersion":"1.0",
             "Events":[{"Id":"0f8fad5b-d9cb-469f-a165-70867728950e","TimestampLocal":"2026-11-24T11:15:30.123+01:00",
              "TimestampUTC":"2026-11-24T10:15:30.123Z","Category":"Triggered","Name":"ConnectionCreate",
              "EventType":"Security","IsEmpty":false,"PayloadSchemaVersion":"1.0",
              "Payload":[{"RemoteAddress":%s,"RemotePort":%s,"Direction":"Out","Protocol":"tcp","ProcessId":12,
                          "Executable":"/usr/bin/curl","ExtraDetails":{"Key":%s}}]}]}
            """;

    private static byte[] connection(String remoteAddress, String remotePort, String extraValue) {
        return CONNECTION.formatted(remoteAddress, remotePort, extraValue).getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void wellFormedConnectionPasses() {
        assertThat(AgentSchemaValidator.violations(connection("\"198.51.100.4\"", "\"443\"", "\"v\""))).isEmpty();
    }

    @Test
    void portAsNumberIsRejected() {
        assertThat(AgentSchemaValidator.violations(connection("\"198.51.100.4\"", "443", "\"v\""))).isNotEmpty();
    }

    @Test
    void numericExtraDetailIsRejected() {
        assertThat(AgentSchemaValidator.violations(connection("\"198.51.100.4\"", "\"443\"", "39"))).isNotEmpty();
    }

    @Test
    void addressThatIsNoIpIsRejected() {
        assertThat(AgentSchemaValidator.violations(connection("\"pool.example\"", "\"443\"", "\"v\""))).isNotEmpty();
    }

    @Test
    void processCreateWithoutUserIdIsRejected() {
        String message = """
                {"AgentVersion":"0.0.6","AgentId":"5b1f8a4e-2c4d-4f7a-9a1e-0d3c2b1a0f9e","MessageSchemaVersion":"1.0",
                 "Events":[{"Id":"0f8fad5b-d9cb-469f-a165-70867728950e","TimestampLocal":"2026-11-24T10:15:30.123Z",
                  "TimestampUTC":"2026-11-24T10:15:30.123Z","Category":"Triggered","Name":"ProcessCreate",
                  "EventType":"Security","IsEmpty":false,"PayloadSchemaVersion":"1.0",
                  "Payload":[{"Executable":"/usr/bin/myApp","ProcessId":1,"ParentProcessId":1,"CommandLine":"x"}]}]}
                """;
        assertThat(AgentSchemaValidator.violations(message.getBytes(StandardCharsets.UTF_8))).isNotEmpty();
    }
}
