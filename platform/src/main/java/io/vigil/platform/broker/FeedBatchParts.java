package io.vigil.platform.broker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigil.contracts.feed.FeedBatch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a feed batch ({@link FeedBatch}) that keeps failing into one batch per agent message, so that the one
 * poison message is parked alone and the others of its batch are handled; any other message is its own only part.
 * For every consumer of the event feed.
 */
public final class FeedBatchParts implements BatchingConsumer.Unbundler {

    private final ObjectMapper mapper;

    public FeedBatchParts(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    @Override
    public List<InboundMessage> parts(InboundMessage message) {
        JsonNode messages;
        try {
            messages = mapper.readTree(message.payload()).path("messages");
        } catch (IOException e) {
            return List.of(message);
        }
        if (!messages.isArray() || messages.size() < 2) {
            return List.of(message);
        }
        List<InboundMessage> parts = new ArrayList<>(messages.size());
        for (JsonNode one : messages) {
            ObjectNode alone = mapper.createObjectNode().put("version", FeedBatch.CURRENT_VERSION);
            alone.putArray("messages").add(one);
            try {
                parts.add(InboundMessage.partOf(message, mapper.writeValueAsBytes(alone)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return parts;
    }
}
