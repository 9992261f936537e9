package io.vigil.ingest.feed;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Future;
import io.vigil.contracts.feed.EventFeed;
import io.vigil.contracts.feed.FeedBatch;
import io.vigil.contracts.feed.FeedEvent;
import io.vigil.contracts.feed.FeedMessage;
import io.vigil.ingest.config.IngestConfig;
import io.vigil.ingest.message.SecurityEvent;
import io.vigil.ingest.pipeline.Classification;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Publishes every stored message's valid events on the detection feed, a written batch's messages of one hub
 * together in {@link FeedBatch}es of at most {@code vigil.ingest.feed.max-batch-bytes}: the broker queues each
 * publication once per consumer group, so one publication per batch instead of one per agent message is what lets
 * it keep up. Called after the commit; the future completes when the broker has acknowledged every publication,
 * and only then are the device messages acknowledged, so a crash in between makes the broker redeliver rather than
 * lose.
 */
@ApplicationScoped
public class FeedPublisher {

    private static final byte[] OPENING = ("{\"version\":" + FeedBatch.CURRENT_VERSION + ",\"messages\":[")
            .getBytes(StandardCharsets.UTF_8);
    private static final byte[] CLOSING = "]}".getBytes(StandardCharsets.UTF_8);

    private final ObjectMapper mapper;
    private final int maxBatchBytes;

    FeedPublisher(ObjectMapper mapper, IngestConfig config) {
        this.mapper = mapper;
        this.maxBatchBytes = config.feed().maxBatchBytes();
    }

    /**
     * Publishes through the given connection's {@code publish}: the lane's own, whose deliveries are acknowledged
     * once this completes.
     */
    public Future<Void> publish(BiFunction<String, byte[], Future<Void>> broker, List<Classification> stored) {
        Instant now = Instant.now();
        Map<String, List<byte[]>> byHub = new LinkedHashMap<>();
        for (Classification item : stored) {
            if (item instanceof Classification.Accepted accepted && !accepted.message().events().isEmpty()) {
                byHub.computeIfAbsent(accepted.hub().resourceId().hubName(), hub -> new ArrayList<>())
                        .add(json(toFeed(accepted, now)));
            }
        }
        List<Future<Void>> publications = new ArrayList<>();
        byHub.forEach((hubName, messages) -> {
            for (byte[] body : bodies(messages, maxBatchBytes)) {
                publications.add(broker.apply(EventFeed.topic(hubName), body));
            }
        });
        return Future.all(publications).mapEmpty();
    }

    /** The messages, already JSON, packed in order into {@link FeedBatch} bodies of at most {@code maxBytes}. */
    static List<byte[]> bodies(List<byte[]> messages, int maxBytes) {
        List<byte[]> bodies = new ArrayList<>();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        int count = 0;
        for (byte[] message : messages) {
            int grown = body.size() + (count == 0 ? OPENING.length : 1) + message.length + CLOSING.length;
            if (count > 0 && grown > maxBytes) {
                body.writeBytes(CLOSING);
                bodies.add(body.toByteArray());
                body.reset();
                count = 0;
            }
            if (count == 0) {
                body.writeBytes(OPENING);
            } else {
                body.write(',');
            }
            body.writeBytes(message);
            count++;
        }
        if (count > 0) {
            body.writeBytes(CLOSING);
            bodies.add(body.toByteArray());
        }
        return bodies;
    }

    static FeedMessage toFeed(Classification.Accepted accepted, Instant receivedAt) {
        List<FeedEvent> events = new ArrayList<>(accepted.message().events().size());
        for (SecurityEvent event : accepted.message().events()) {
            events.add(new FeedEvent(event.id(), event.name(), event.category().wireName(), event.eventType(),
                    event.empty(), event.timestampUtc(), event.timestampLocal(), event.payload()));
        }
        return new FeedMessage(accepted.hub().resourceId().toString(),
                accepted.device().deviceId(), accepted.device().moduleId().orElse(null), accepted.message().agentId(),
                accepted.message().agentVersion(), receivedAt, events);
    }

    private byte[] json(FeedMessage message) {
        try {
            return mapper.writeValueAsBytes(message);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("feed message could not be written as JSON", e);
        }
    }
}
