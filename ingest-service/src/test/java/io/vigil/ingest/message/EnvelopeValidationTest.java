package io.vigil.ingest.message;

import static io.vigil.ingest.message.TestMessages.bytes;
import static io.vigil.ingest.message.TestMessages.envelope;
import static io.vigil.ingest.message.TestMessages.processCreate;
import static io.vigil.ingest.message.TestMessages.rejected;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.Test;

/** Envelope problems make the whole message unusable. */
class EnvelopeValidationTest {

    private final SecurityMessageParser parser = TestMessages.parser();

    @Test
    void agentIdMustBeAGuid() {
        ObjectNode message = envelope(processCreate()).put("AgentId", "my-raspberry-pi");

        assertThat(rejected(parser.parse(bytes(message))))
                .extracting(Rejection::path, Rejection::rule)
                .containsExactly(tuple("$.AgentId", "format.guid"));
    }

    @Test
    void agentIdOfThirtySixCharactersThatIsNoGuidIsRejected() {
        ObjectNode message = envelope(processCreate()).put("AgentId", "e89dc5f5xfeacx4c3ex87e2x93c16f010c25");

        assertThat(rejected(parser.parse(bytes(message))))
                .extracting(Rejection::path, Rejection::rule)
                .containsExactly(tuple("$.AgentId", "format.guid"));
    }

    @Test
    void envelopeFieldsMustBeStrings() {
        ObjectNode message = envelope(processCreate()).put("AgentVersion", 5).put("AgentId", 7);
        message.put("MessageSchemaVersion", 1.0);

        assertThat(rejected(parser.parse(bytes(message))))
                .extracting(Rejection::path, Rejection::rule)
                .containsExactly(tuple("$.AgentVersion", "type"), tuple("$.AgentId", "type"),
                        tuple("$.MessageSchemaVersion", "type"));
    }

    @Test
    void messageSchemaVersionMustBeOnePointZero() {
        ObjectNode message = envelope(processCreate()).put("MessageSchemaVersion", "2.0");

        assertThat(rejected(parser.parse(bytes(message))))
                .extracting(Rejection::path, Rejection::rule)
                .containsExactly(tuple("$.MessageSchemaVersion", "const"));
    }

    @Test
    void unknownTopLevelPropertyIsRejected() {
        ObjectNode message = envelope(processCreate()).put("HubResourceId", "/subscriptions/x");

        assertThat(rejected(parser.parse(bytes(message))))
                .extracting(Rejection::path, Rejection::rule)
                .containsExactly(tuple("$.HubResourceId", "additional-property"));
    }

    @Test
    void oddPropertyNamesAreQuotedInThePath() {
        ObjectNode message = envelope(processCreate()).put("it's odd", 1);

        assertThat(rejected(parser.parse(bytes(message))))
                .extracting(Rejection::path, Rejection::rule)
                .containsExactly(tuple("$['it\\'s odd']", "additional-property"));
    }

    @Test
    void eventsMustBeAnArray() {
        ObjectNode message = envelope();
        message.set("Events", processCreate());

        assertThat(rejected(parser.parse(bytes(message))))
                .extracting(Rejection::path, Rejection::rule)
                .containsExactly(tuple("$.Events", "type"));
    }

    @Test
    void envelopeProblemsAreAllReportedAndEventsAreNotLookedAt() {
        ObjectNode badEvent = processCreate().put("Name", "Nonsense");
        ObjectNode message = envelope(badEvent).put("AgentId", "x").put("MessageSchemaVersion", "0.9");
        message.remove("AgentVersion");

        assertThat(rejected(parser.parse(bytes(message))))
                .extracting(Rejection::path, Rejection::rule)
                .containsExactly(tuple("$.AgentId", "format.guid"), tuple("$.MessageSchemaVersion", "const"),
                        tuple("$.AgentVersion", "required"));
    }
}
