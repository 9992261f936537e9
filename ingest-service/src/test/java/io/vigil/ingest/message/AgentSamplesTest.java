package io.vigil.ingest.message;

import static io.vigil.ingest.message.TestMessages.MAPPER;
import static io.vigil.ingest.message.TestMessages.bytes;
import static io.vigil.ingest.message.TestMessages.clean;
import static io.vigil.ingest.message.TestMessages.reasonsOfOnlyEvent;
import static io.vigil.ingest.message.TestMessages.rejected;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.util.stream.IntStream;

/**
 * The agent project's own test corpus ({@code agent-samples/samples.json}): what its schemas accept must be accepted,
 * what they refuse must be refused at the right place.
 */
class AgentSamplesTest {

    private static JsonNode samples;
    private final SecurityMessageParser parser = TestMessages.parser();

    @BeforeAll
    static void loadSamples() throws IOException {
        try (InputStream in = AgentSamplesTest.class.getResourceAsStream("/agent-samples/samples.json")) {
            assertThat(in).as("agent-samples/samples.json on the test classpath").isNotNull();
            samples = MAPPER.readTree(in);
        }
    }

    @Test
    void corpusHoldsThirteenValidAndSixInvalidMessages() {
        assertThat(samples.get("valid")).hasSize(13);
        assertThat(samples.get("invalid")).hasSize(6);
    }

    static IntStream validIndexes() {
        return IntStream.range(0, 13);
    }

    @ParameterizedTest(name = "valid[{0}]")
    @MethodSource("validIndexes")
    void everyValidSampleIsAcceptedWithAllItsEvents(int index) {
        JsonNode sample = samples.get("valid").get(index);

        SecurityMessage message = clean(parser.parse(bytes(sample)));

        assertThat(message.events()).hasSize(sample.get("Events").size());
        assertThat(message.agentId()).isEqualTo(sample.get("AgentId").textValue());
        for (int i = 0; i < message.events().size(); i++) {
            SecurityEvent event = message.events().get(i);
            JsonNode sent = sample.get("Events").get(i);
            assertThat(event.index()).isEqualTo(i);
            assertThat(event.name()).isEqualTo(sent.get("Name").textValue());
            assertThat(event.payload()).hasSize(sent.get("Payload").size());
        }
    }

    @Test
    void invalidEmptyStringIsNotAMessageObject() {
        assertThat(rejected(parser.parse(bytes(invalid(0)))))
                .extracting(Rejection::path, Rejection::rule)
                .containsExactly(tuple("$", "type"));
    }

    @Test
    void invalidArrayIsNotAMessageObject() {
        assertThat(rejected(parser.parse(bytes(invalid(1)))))
                .extracting(Rejection::path, Rejection::rule)
                .containsExactly(tuple("$", "type"));
    }

    @Test
    void invalidEmptyObjectMissesEveryEnvelopeProperty() {
        assertThat(rejected(parser.parse(bytes(invalid(2)))))
                .extracting(Rejection::path, Rejection::rule)
                .containsExactly(
                        tuple("$.AgentVersion", "required"),
                        tuple("$.AgentId", "required"),
                        tuple("$.MessageSchemaVersion", "required"),
                        tuple("$.Events", "required"));
    }

    @Test
    void invalidEmptyEventsIsTooShortAndMissesTheRest() {
        assertThat(rejected(parser.parse(bytes(invalid(3)))))
                .extracting(Rejection::path, Rejection::rule)
                .containsExactly(
                        tuple("$.Events", "min-items"),
                        tuple("$.AgentVersion", "required"),
                        tuple("$.AgentId", "required"),
                        tuple("$.MessageSchemaVersion", "required"));
    }

    @Test
    void invalidNumericExtraDetailsValueRejectsThatEvent() {
        assertThat(reasonsOfOnlyEvent(parser.parse(bytes(invalid(4)))))
                .extracting(Rejection::path, Rejection::rule)
                .containsExactly(tuple("$.Events[0].Payload[0].ExtraDetails.SomeKey", "type"));
    }

    @Test
    void invalidNumericRemotePortRejectsThatEvent() {
        // The sample also lacks Direction and Protocol; all three problems are reported.
        assertThat(reasonsOfOnlyEvent(parser.parse(bytes(invalid(5)))))
                .extracting(Rejection::path, Rejection::rule)
                .containsExactlyInAnyOrder(
                        tuple("$.Events[0].Payload[0].RemotePort", "type"),
                        tuple("$.Events[0].Payload[0].Direction", "required"),
                        tuple("$.Events[0].Payload[0].Protocol", "required"));
    }

    private static JsonNode invalid(int index) {
        return samples.get("invalid").get(index);
    }
}
