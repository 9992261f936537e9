package io.vigil.ingest.message;

import static io.vigil.ingest.message.TestMessages.bytes;
import static io.vigil.ingest.message.TestMessages.clean;
import static io.vigil.ingest.message.TestMessages.envelope;
import static io.vigil.ingest.message.TestMessages.event;
import static io.vigil.ingest.message.TestMessages.object;
import static io.vigil.ingest.message.TestMessages.processItem;
import static io.vigil.ingest.message.TestMessages.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Messages that real agents send and that must get through, including where they differ from the schema. */
class MessageAcceptanceTest {

    private final SecurityMessageParser parser = TestMessages.parser();

    /** From the "send security messages" documentation, which prints the body without its outer braces. */
    private static final String DOCUMENTATION_EXAMPLE = """
            {
            "AgentVersion": "0.0.1",
            "AgentId": "e89dc5f5-feac-4c3e-87e2-93c16f010c25",
            "MessageSchemaVersion": "1.0",
            "Events": [ { "EventType": "Security", "Category": "Triggered", "Name": "ProcessCreate", "IsEmpty": false,
              "PayloadSchemaVersion": "1.0", "Id": "21a2db0b-44fe-42e9-9cff-bbb2d8fdf874",
              "TimestampLocal": "2019-01-27 15:48:52Z", "TimestampUTC": "2019-01-27 13:48:52Z",
              "Payload": [ { "Executable": "/usr/bin/myApp", "ProcessId": 11750, "ParentProcessId": 1593,
                             "UserName": "aUser", "CommandLine": "myApp -a -b" } ] } ]
            }
            """;

    @Test
    void documentationExampleWithoutUserIdIsAccepted() {
        SecurityMessage message = clean(parser.parse(utf8(DOCUMENTATION_EXAMPLE)));

        assertThat(message.agentId()).isEqualTo("e89dc5f5-feac-4c3e-87e2-93c16f010c25");
        assertThat(message.agentVersion()).isEqualTo("0.0.1");
        assertThat(message.messageSchemaVersion()).isEqualTo("1.0");
        assertThat(message.events()).singleElement().satisfies(event -> {
            assertThat(event.index()).isZero();
            assertThat(event.id()).isEqualTo("21a2db0b-44fe-42e9-9cff-bbb2d8fdf874");
            assertThat(event.name()).isEqualTo("ProcessCreate");
            assertThat(event.category()).isEqualTo(EventCategory.TRIGGERED);
            assertThat(event.eventType()).isEqualTo("Security");
            assertThat(event.empty()).isFalse();
            assertThat(event.payloadSchemaVersion()).isEqualTo("1.0");
            assertThat(event.timestampUtc()).isEqualTo(Instant.parse("2019-01-27T13:48:52Z"));
            assertThat(event.timestampLocal()).isEqualTo("2019-01-27 15:48:52Z");
            assertThat(event.payload()).singleElement()
                    .satisfies(item -> assertThat(item.get("Executable").textValue()).isEqualTo("/usr/bin/myApp"));
        });
    }

    @Test
    void aggregatedEventWithIntegerHitCountIsAccepted() {
        ObjectNode item = processItem().put("ProcessId", 0).put("ParentProcessId", 0);
        item.putObject("ExtraDetails")
                .put("HitCount", 17)
                .put("StartTimeUtc", "2019-01-27T12:00:00Z")
                .put("EndTimeUtc", "2019-01-27T13:00:00Z");

        SecurityMessage message = clean(parser.parse(bytes(envelope(
                event("ProcessCreate", "Aggregated", "Security", item)))));

        assertThat(message.events()).singleElement()
                .satisfies(event -> assertThat(event.category()).isEqualTo(EventCategory.AGGREGATED));
    }

    @Test
    void hitCountAsStringIsAcceptedToo() {
        ObjectNode item = processItem();
        item.putObject("ExtraDetails").put("HitCount", "17");

        clean(parser.parse(bytes(envelope(event("ProcessCreate", "Aggregated", "Security", item)))));
    }

    @Test
    void integerUserIdIsAcceptedWhereverUserIdAppears() {
        ObjectNode process = processItem().put("UserId", 112);
        ObjectNode connection = TestMessages.connectionItem().put("UserId", 0);
        ObjectNode user = object("""
                {"GroupIds": "0", "GroupNames": "root", "UserId": 0, "UserName": "root"}""");
        ObjectNode login = object("""
                {"ProcessId": 1, "UserId": 1000, "Operation": "PAM:authentication", "Executable": "/usr/sbin/sshd",
                 "Result": "Success"}""");

        SecurityMessage message = clean(parser.parse(bytes(envelope(
                event("ProcessCreate", "Triggered", "Security", process),
                event("ConnectionCreate", "Triggered", "Security", connection),
                event("LocalUsers", "Periodic", "Security", user),
                event("Login", "Triggered", "Security", login)))));

        assertThat(message.events()).hasSize(4);
        assertThat(message.events().get(0).payload().get(0).get("UserId").intValue()).isEqualTo(112);
    }

    @Test
    void emptyPeriodicSnapshotIsAccepted() {
        ObjectNode snapshot = event("ListeningPorts", "Periodic", "Security");

        SecurityMessage message = clean(parser.parse(bytes(envelope(snapshot))));

        assertThat(message.events()).singleElement().satisfies(event -> {
            assertThat(event.category()).isEqualTo(EventCategory.PERIODIC);
            assertThat(event.empty()).isTrue();
            assertThat(event.payload()).isEmpty();
        });
    }

    @Test
    void heartbeatIsAccepted() {
        // The RTOS module's sample, with zoned timestamps.
        ObjectNode heartbeat = object("""
                {"IsEmpty": true, "PayloadSchemaVersion": "1.0", "Name": "Heartbeat", "Category": "Periodic",
                 "EventType": "Security", "Id": "42b894a1-0e3f-4962-b79c-7dae124c7269",
                 "TimestampLocal": "2012-12-12T12:12:12+02:00", "TimestampUTC": "2012-12-12T10:12:12Z",
                 "Payload": []}""");

        SecurityMessage message = clean(parser.parse(bytes(envelope(heartbeat))));

        assertThat(message.events()).singleElement().satisfies(event -> {
            assertThat(event.name()).isEqualTo("Heartbeat");
            assertThat(event.payload()).isEmpty();
            assertThat(event.timestampUtc()).isEqualTo(Instant.parse("2012-12-12T10:12:12Z"));
        });
    }

    @Test
    void cAgentStyleMessageIsAccepted() {
        // Lower-case protocols, Z on local time, integer HitCount: what the C agent writes.
        ObjectNode ports = object("""
                {"LocalAddress": "0.0.0.0", "LocalPort": "22", "RemoteAddress": "0.0.0.0", "RemotePort": "*",
                 "Protocol": "tcp", "ExtraDetails": {"Pid": "811"}}""");
        ObjectNode ports6 = object("""
                {"LocalAddress": "::", "LocalPort": "22", "Protocol": "tcp6"}""");
        ObjectNode connection = TestMessages.connectionItem().put("Protocol", "UDP");
        connection.putObject("ExtraDetails").put("HitCount", 3);
        ObjectNode listening = event("ListeningPorts", "Periodic", "Security", ports, ports6);
        listening.put("TimestampLocal", "2019-03-01T10:00:00Z");

        SecurityMessage message = clean(parser.parse(bytes(envelope(listening,
                event("ConnectionCreate", "Aggregated", "Security", connection)))));

        assertThat(message.events()).extracting(SecurityEvent::name)
                .containsExactly("ListeningPorts", "ConnectionCreate");
    }

    @Test
    void everyEventTypeMayCarryExtraDetailsOfStrings() {
        ObjectNode item = TestMessages.connectionItem();
        item.putObject("ExtraDetails").put("Number of Function Keys", "12").put("familyName", "AF_INET");

        clean(parser.parse(bytes(envelope(TestMessages.connectionCreate(item)))));
    }

    @Test
    void eventsKeepTheirPositionAndOrder() {
        SecurityMessage message = clean(parser.parse(bytes(envelope(
                TestMessages.processCreate(), event("ListeningPorts", "Periodic", "Security"),
                TestMessages.processCreate()))));

        assertThat(message.events()).extracting(SecurityEvent::index).containsExactly(0, 1, 2);
    }

    @Test
    void sameParserServesManyThreadsWithSameResults() throws Exception {
        byte[] body = bytes(envelope(TestMessages.processCreate(), TestMessages.connectionCreate(
                TestMessages.connectionItem().put("RemotePort", 443))));
        ParseOutcome expected = parser.parse(body);
        assertThat(TestMessages.accepted(expected).rejectedEvents()).hasSize(1);

        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<ParseOutcome>> futures = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                futures.add(pool.submit(() -> parser.parse(body)));
            }
            for (Future<ParseOutcome> future : futures) {
                assertThat(future.get()).isEqualTo(expected);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
