package io.vigil.ingest.message;

import static io.vigil.ingest.message.TestMessages.MAPPER;
import static io.vigil.ingest.message.TestMessages.accepted;
import static io.vigil.ingest.message.TestMessages.bytes;
import static io.vigil.ingest.message.TestMessages.connectionCreate;
import static io.vigil.ingest.message.TestMessages.connectionItem;
import static io.vigil.ingest.message.TestMessages.envelope;
import static io.vigil.ingest.message.TestMessages.event;
import static io.vigil.ingest.message.TestMessages.processCreate;
import static io.vigil.ingest.message.TestMessages.reasonsOfOnlyEvent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

/** Rules on the generic event fields and on Category/IsEmpty/Payload; a bad event rejects only itself. */
class EventValidationTest {

    private final SecurityMessageParser parser = TestMessages.parser();

    @Test
    void oneBadEventAmongTwoGoodOnesRejectsOnlyThatEvent() {
        ObjectNode bad = connectionCreate(connectionItem().put("RemoteAddress", "not-an-ip"));
        ObjectNode message = envelope(processCreate(), bad, event("ListeningPorts", "Periodic", "Security"));

        ParseOutcome.Accepted outcome = accepted(parser.parse(bytes(message)));

        assertThat(outcome.message().events()).extracting(SecurityEvent::index, SecurityEvent::name)
                .containsExactly(tuple(0, "ProcessCreate"), tuple(2, "ListeningPorts"));
        assertThat(outcome.rejectedEvents()).singleElement().satisfies(rejected -> {
            assertThat(rejected.index()).isEqualTo(1);
            assertThat(rejected.event()).isEqualTo(bad);
            assertThat(rejected.reasons()).extracting(Rejection::path, Rejection::rule)
                    .containsExactly(tuple("$.Events[1].Payload[0].RemoteAddress", "format.ip"));
        });
    }

    @Test
    void messageWhoseEveryEventIsBadIsStillAcceptedWithNoEvents() {
        ObjectNode message = envelope(processCreate().put("Name", "Foo"), MAPPER.getNodeFactory().textNode("x"));

        ParseOutcome.Accepted outcome = accepted(parser.parse(bytes(message)));

        assertThat(outcome.message().events()).isEmpty();
        assertThat(outcome.rejectedEvents()).extracting(RejectedEvent::index).containsExactly(0, 1);
        assertThat(outcome.rejectedEvents().get(1).reasons()).extracting(Rejection::path, Rejection::rule)
                .containsExactly(tuple("$.Events[1]", "type"));
    }

    @Test
    void unknownEventTypeIsRejected() {
        ObjectNode unknown = event("UserLoginCount", "Periodic", "Security");

        assertThat(reasonsOfOnlyEvent(parser.parse(bytes(envelope(unknown)))))
                .extracting(Rejection::path, Rejection::rule)
                .containsExactly(tuple("$.Events[0].Name", "unknown-event-type"));
    }

    @Test
    void eventNamesAreCaseSensitive() {
        ObjectNode lowerCase = processCreate().put("Name", "processcreate");

        assertThat(reasonsOfOnlyEvent(parser.parse(bytes(envelope(lowerCase)))))
                .extracting(Rejection::rule).containsExactly("unknown-event-type");
    }

    @ParameterizedTest
    @ValueSource(strings = {"2019-01-27T13:48", "2019-01-27", "27.01.2019 13:48:52Z", "2019-13-27T13:48:52Z",
        "2019-02-30T13:48:52Z", "yesterday", ""})
    void badTimestampIsRejected(String timestamp) {
        ObjectNode event = processCreate().put("TimestampUTC", timestamp);

        assertThat(reasonsOfOnlyEvent(parser.parse(bytes(envelope(event)))))
                .extracting(Rejection::path, Rejection::rule)
                .containsExactly(tuple("$.Events[0].TimestampUTC", "format.date-time"));
    }

    @Test
    void badLocalTimestampIsRejectedToo() {
        ObjectNode event = processCreate().put("TimestampLocal", "2019-01-27 15:48");

        assertThat(reasonsOfOnlyEvent(parser.parse(bytes(envelope(event)))))
                .extracting(Rejection::path, Rejection::rule)
                .containsExactly(tuple("$.Events[0].TimestampLocal", "format.date-time"));
    }

    @Test
    void badEventIdIsRejected() {
        ObjectNode event = processCreate().put("Id", "21a2db0b44fe42e99cffbbb2d8fdf874");

        assertThat(reasonsOfOnlyEvent(parser.parse(bytes(envelope(event)))))
                .extracting(Rejection::path, Rejection::rule)
                .containsExactly(tuple("$.Events[0].Id", "format.guid"));
    }

    @Test
    void missingGenericFieldIsRejected() {
        ObjectNode event = processCreate();
        event.remove("TimestampUTC");
        event.remove("IsEmpty");

        assertThat(reasonsOfOnlyEvent(parser.parse(bytes(envelope(event)))))
                .extracting(Rejection::path, Rejection::rule)
                .containsExactly(tuple("$.Events[0].TimestampUTC", "required"),
                        tuple("$.Events[0].IsEmpty", "required"));
    }

    @Test
    void genericFieldsOfTheWrongTypeAreRejected() {
        ObjectNode event = processCreate().put("IsEmpty", "false").put("Name", 3).put("PayloadSchemaVersion", 1);
        event.put("Payload", "none");

        assertThat(reasonsOfOnlyEvent(parser.parse(bytes(envelope(event)))))
                .extracting(Rejection::path, Rejection::rule)
                .containsExactlyInAnyOrder(tuple("$.Events[0].IsEmpty", "type"), tuple("$.Events[0].Name", "type"),
                        tuple("$.Events[0].PayloadSchemaVersion", "type"), tuple("$.Events[0].Payload", "type"));
    }

    @Test
    void unknownEventPropertyIsRejected() {
        ObjectNode event = processCreate().put("Priority", "High");

        assertThat(reasonsOfOnlyEvent(parser.parse(bytes(envelope(event)))))
                .extracting(Rejection::path, Rejection::rule)
                .containsExactly(tuple("$.Events[0].Priority", "additional-property"));
    }

    @Test
    void categoryAndEventTypeOutsideTheirEnumsAreRejected() {
        ObjectNode event = processCreate().put("Category", "triggered").put("EventType", "Audit");

        assertThat(reasonsOfOnlyEvent(parser.parse(bytes(envelope(event)))))
                .extracting(Rejection::path, Rejection::rule)
                .containsExactly(tuple("$.Events[0].Category", "enum"), tuple("$.Events[0].EventType", "enum"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Triggered", "Aggregated"})
    void triggeredOrAggregatedEventMarkedEmptyIsRejected(String category) {
        ObjectNode event = event("ProcessCreate", category, "Security");

        assertThat(reasonsOfOnlyEvent(parser.parse(bytes(envelope(event)))))
                .extracting(Rejection::path, Rejection::rule)
                .containsExactly(tuple("$.Events[0].IsEmpty", "category"));
    }

    @Test
    void nonEmptyEventWithoutPayloadIsRejected() {
        ObjectNode event = event("ListeningPorts", "Periodic", "Security").put("IsEmpty", false);

        assertThat(reasonsOfOnlyEvent(parser.parse(bytes(envelope(event)))))
                .extracting(Rejection::path, Rejection::rule)
                .containsExactly(tuple("$.Events[0].Payload", "category"));
    }

    @Test
    void periodicEventMarkedEmptyMayStillCarryItems() {
        // The schema's first category branch puts no bound on Payload; the items are still validated.
        ObjectNode event = event("ListeningPorts", "Periodic", "Security",
                TestMessages.object("{\"LocalPort\": \"22\", \"Protocol\": \"tcp\"}")).put("IsEmpty", true);

        assertThat(TestMessages.clean(parser.parse(bytes(envelope(event)))).events()).singleElement()
                .satisfies(accepted -> assertThat(accepted.payload()).hasSize(1));
    }

    @Test
    void heartbeatWithPayloadOrNotMarkedEmptyIsRejected() {
        ObjectNode withPayload = event("Heartbeat", "Periodic", "Security", TestMessages.object("{\"x\": \"1\"}"))
                .put("IsEmpty", true);
        ObjectNode notEmpty = event("Heartbeat", "Periodic", "Security").put("IsEmpty", false);
        ObjectNode triggered = event("Heartbeat", "Triggered", "Security");

        ParseOutcome.Accepted outcome = accepted(parser.parse(bytes(envelope(withPayload, notEmpty, triggered))));

        assertThat(outcome.message().events()).isEmpty();
        assertThat(outcome.rejectedEvents().get(0).reasons()).extracting(Rejection::path, Rejection::rule)
                .containsExactly(tuple("$.Events[0].Payload", "category"));
        assertThat(outcome.rejectedEvents().get(1).reasons()).extracting(Rejection::path, Rejection::rule)
                .containsExactly(tuple("$.Events[1].IsEmpty", "category"));
        assertThat(outcome.rejectedEvents().get(2).reasons()).extracting(Rejection::path, Rejection::rule)
                .containsExactly(tuple("$.Events[2].Category", "enum"), tuple("$.Events[2].IsEmpty", "category"));
    }

    @Test
    void categoryMustSuitTheEventType() {
        ObjectNode periodicProcess = event("ProcessCreate", "Periodic", "Security", TestMessages.processItem());
        ObjectNode triggeredPorts = event("ListeningPorts", "Triggered", "Security",
                TestMessages.object("{\"LocalPort\": \"22\", \"Protocol\": \"tcp\"}"));

        ParseOutcome.Accepted outcome = accepted(parser.parse(bytes(envelope(periodicProcess, triggeredPorts))));

        assertThat(outcome.rejectedEvents()).flatExtracting(RejectedEvent::reasons)
                .extracting(Rejection::path, Rejection::rule)
                .containsExactly(tuple("$.Events[0].Category", "enum"), tuple("$.Events[1].Category", "enum"));
    }

    @Test
    void eventTypeAndPayloadSchemaVersionMustSuitTheEventType() {
        ObjectNode event = processCreate().put("EventType", "Operational").put("PayloadSchemaVersion", "2.0");

        assertThat(reasonsOfOnlyEvent(parser.parse(bytes(envelope(event)))))
                .extracting(Rejection::path, Rejection::rule)
                .containsExactly(tuple("$.Events[0].EventType", "const"),
                        tuple("$.Events[0].PayloadSchemaVersion", "const"));
    }

    @Test
    void everyProblemOfAnEventIsReported() {
        ObjectNode event = connectionCreate(connectionItem().put("RemotePort", 500).put("Direction", "Sideways"))
                .put("Id", "nope").put("TimestampUTC", "2019-01-27T13:48");
        event.remove("EventType");

        List<Rejection> reasons = reasonsOfOnlyEvent(parser.parse(bytes(envelope(event))));

        assertThat(reasons).extracting(Rejection::path, Rejection::rule).containsExactlyInAnyOrder(
                tuple("$.Events[0].Id", "format.guid"),
                tuple("$.Events[0].TimestampUTC", "format.date-time"),
                tuple("$.Events[0].EventType", "required"),
                tuple("$.Events[0].Payload[0].RemotePort", "type"),
                tuple("$.Events[0].Payload[0].Direction", "enum"));
        assertThat(reasons).allSatisfy(reason -> assertThat(reason.message()).isNotBlank().endsWith("."));
    }

    @Test
    void problemsOfOneEventAreCappedSoAHostileBodyStaysCheap() {
        ObjectNode[] emptyItems = new ObjectNode[200];
        for (int i = 0; i < emptyItems.length; i++) {
            emptyItems[i] = MAPPER.createObjectNode();
        }

        List<Rejection> reasons = reasonsOfOnlyEvent(parser.parse(bytes(envelope(processCreate(emptyItems)))));

        assertThat(reasons).hasSize(Problems.MAX_PER_SCOPE + 1);
        assertThat(reasons.get(0)).extracting(Rejection::path, Rejection::rule)
                .containsExactly("$.Events[0].Payload[0].Executable", "required");
        assertThat(reasons.get(reasons.size() - 1)).extracting(Rejection::path, Rejection::rule)
                .containsExactly("$.Events[0]", "limit");
    }
}
