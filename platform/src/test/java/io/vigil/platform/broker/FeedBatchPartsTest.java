package io.vigil.platform.broker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.mqtt.messages.MqttPublishMessage;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** How a feed batch that keeps failing is split for its messages to be handled, or parked, one by one. */
class FeedBatchPartsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final FeedBatchParts parts = new FeedBatchParts(JSON);

    @Test
    void aBatchOfSeveralMessagesBecomesABatchPerMessageOnTheSameTopic() throws Exception {
        InboundMessage whole = received("vigil/v2/events/hub-a",
                "{\"version\":2,\"messages\":[{\"deviceId\":\"a\"},{\"deviceId\":\"b\"},{\"deviceId\":\"c\"}]}");

        List<InboundMessage> split = parts.parts(whole);

        assertThat(split).hasSize(3).allSatisfy(part -> assertThat(part.topic()).isEqualTo("vigil/v2/events/hub-a"));
        for (InboundMessage part : split) {
            JsonNode alone = JSON.readTree(part.payload());
            assertThat(alone.path("version").asInt()).isEqualTo(2);
            assertThat(alone.path("messages").size()).isEqualTo(1);
        }
        assertThat(split).extracting(part -> JSON.readTree(part.payload()).at("/messages/0/deviceId").asText()).containsExactly("a", "b", "c");
        assertThat(split.get(0).ack()).as("a part acknowledges nothing itself").isTrue();
    }

    @Test
    void aBatchOfOneAnotherBodyOrGarbageIsItsOwnOnlyPart() {
        for (String body : List.of("{\"version\":2,\"messages\":[{\"deviceId\":\"a\"}]}", "{\"alertType\":\"x\"}", "not json")) {
            InboundMessage message = received("vigil/v1/alerts/hub-a/a", body);
            assertThat(parts.parts(message)).containsExactly(message);
        }
    }

    private static InboundMessage received(String topic, String body) {
        MqttPublishMessage publish = MqttPublishMessage.create(1, MqttQoS.AT_LEAST_ONCE, false, false, topic,
                Unpooled.wrappedBuffer(body.getBytes(StandardCharsets.UTF_8)));
        return new InboundMessage(publish, null, 0);
    }
}
