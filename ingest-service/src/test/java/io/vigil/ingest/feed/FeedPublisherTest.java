package io.vigil.ingest.feed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** How a batch's feed messages are packed into publications. */
class FeedPublisherTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void smallMessagesShareOnePublicationInTheirOrder() throws Exception {
        List<byte[]> bodies = FeedPublisher.bodies(List.of(message(1, 10), message(2, 10), message(3, 10)), 10_000);

        assertThat(bodies).hasSize(1);
        JsonNode batch = JSON.readTree(bodies.get(0));
        assertThat(batch.path("version").asInt()).isEqualTo(2);
        assertThat(batch.path("messages")).extracting(m -> m.path("n").asInt()).containsExactly(1, 2, 3);
    }

    @Test
    void noPublicationGrowsBeyondTheLimitAndNothingIsLeftOut() throws Exception {
        List<byte[]> messages = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            messages.add(message(i, 100 + i * 7));
        }
        int limit = 1_000;

        List<byte[]> bodies = FeedPublisher.bodies(messages, limit);

        List<Integer> seen = new ArrayList<>();
        for (byte[] body : bodies) {
            assertThat(body.length).isLessThanOrEqualTo(limit);
            JSON.readTree(body).path("messages").forEach(m -> seen.add(m.path("n").asInt()));
        }
        assertThat(bodies.size()).isGreaterThan(1);
        assertThat(seen).hasSize(50).isSorted();
    }

    @Test
    void aMessageBiggerThanTheLimitGoesAlone() throws Exception {
        List<byte[]> bodies = FeedPublisher.bodies(List.of(message(1, 10), message(2, 5_000), message(3, 10)), 1_000);

        assertThat(bodies).hasSize(3);
        assertThat(JSON.readTree(bodies.get(1)).path("messages")).singleElement()
                .satisfies(m -> assertThat(m.path("n").asInt()).isEqualTo(2));
    }

    @Test
    void nothingToPublishMeansNoPublication() {
        assertThat(FeedPublisher.bodies(List.of(), 1_000)).isEmpty();
    }

    private static byte[] message(int n, int padding) {
        return ("{\"n\":" + n + ",\"pad\":\"" + "x".repeat(padding) + "\"}").getBytes(StandardCharsets.UTF_8);
    }
}
