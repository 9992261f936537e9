package io.vigil.ingest.feed;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Future;
import io.vigil.contracts.feed.EventFeed;
import io.vigil.contracts.feed.FeedEvent;
import io.vigil.contracts.feed.FeedMessage;
import io.vigil.ingest.message.SecurityEvent;
import io.vigil.ingest.pipeline.Classification;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/**
 * Publishes every stored message's valid events on the detection feed. Called after the commit; the future
 * completes when the broker has acknowledged every publication, and only then are the device messages
 * acknowledged, so a crash in between makes the broker redeliver rather than lose.
 */
@ApplicationScoped
public class FeedPublisher {

    private final ObjectMapper mapper;

    FeedPublisher(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /**
     * Publishes through the given connection's {@code publish}: the lane's own, whose deliveries are acknowledged
     * once this completes.
     */
    public Future<Void> publish(BiFunction<String, byte[], Future<Void>> broker, List<Classification> stored) {
        List<Future<Void>> publications = new ArrayList<>();
        Instant now = Instant.now();
        for (Classification item : stored) {
            if (item instanceof Classification.Accepted accepted && !accepted.message().events().isEmpty()) {
                FeedMessage message = toFeed(accepted, now);
                publications.add(broker.apply(EventFeed.topic(accepted.hub().resourceId().hubName(),
                        accepted.device().deviceId()), json(message)));
            }
        }
        return Future.all(publications).mapEmpty();
    }

    static FeedMessage toFeed(Classification.Accepted accepted, Instant receivedAt) {
        List<FeedEvent> events = new ArrayList<>(accepted.message().events().size());
        for (SecurityEvent event : accepted.message().events()) {
            events.add(new FeedEvent(event.id(), event.name(), event.category().wireName(), event.eventType(),
                    event.empty(), event.timestampUtc(), event.timestampLocal(), event.payload()));
        }
        return new FeedMessage(FeedMessage.CURRENT_VERSION, accepted.hub().resourceId().toString(),
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
