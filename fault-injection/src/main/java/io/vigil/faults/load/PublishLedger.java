package io.vigil.faults.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.simulator.fleet.PublishListener;
import io.vigil.simulator.scenario.OutgoingMessage;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Every security message the broker acknowledged, by the rows it must become: one per payload item of each event
 * (an empty snapshot is one row), keyed by device and event id. Each message is counted in the phase that was
 * running when its PUBACK came. A message published twice (a retry after a lost PUBACK) is one entry.
 */
public final class PublishLedger implements PublishListener {

    public static final int MAX_PHASES = 64;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What one acknowledged event must have left in SecurityIoTRawEvent. */
    public record ExpectedEvent(int rows, int phase) {
    }

    private final Map<String, ExpectedEvent> events = new ConcurrentHashMap<>();
    private final AtomicLongArray acknowledgedMessages = new AtomicLongArray(MAX_PHASES);
    private final AtomicLongArray unconfirmedMessages = new AtomicLongArray(MAX_PHASES);
    private final AtomicLong rows = new AtomicLong();
    private final AtomicLong eventCount = new AtomicLong();
    private volatile int phase;

    public static String key(String deviceId, String eventId) {
        return deviceId + "/" + eventId;
    }

    /** From now on, acknowledgements count in this phase. */
    public void enterPhase(int index) {
        if (index < 0 || index >= MAX_PHASES) {
            throw new IllegalArgumentException("phase " + index + " out of range");
        }
        phase = index;
    }

    @Override
    public void acknowledged(OutgoingMessage message) {
        acknowledged(message.topic(), message.body());
    }

    @Override
    public void unconfirmed(OutgoingMessage message) {
        unconfirmedMessages.incrementAndGet(phase);
    }

    /** Records a message the broker acknowledged; the device id comes from the topic, as ingest takes it. */
    public void acknowledged(String topic, byte[] body) {
        String deviceId = deviceId(topic);
        int current = phase;
        boolean counted = false;
        for (JsonNode event : parse(body).path("Events")) {
            int payloadRows = Math.max(1, event.path("Payload").size());
            ExpectedEvent previous = events.putIfAbsent(key(deviceId, event.path("Id").asText()), new ExpectedEvent(payloadRows, current));
            if (previous == null) {
                rows.addAndGet(payloadRows);
                eventCount.incrementAndGet();
                counted = true;
            }
        }
        if (counted) {
            acknowledgedMessages.incrementAndGet(current);
        }
    }

    public Map<String, ExpectedEvent> events() {
        return events;
    }

    /** Rows the acknowledged messages must become, so far. */
    public long rows() {
        return rows.get();
    }

    /** Events acknowledged so far. */
    public long eventCount() {
        return eventCount.get();
    }

    public long acknowledgedMessages(int phase) {
        return acknowledgedMessages.get(phase);
    }

    public long unconfirmedMessages(int phase) {
        return unconfirmedMessages.get(phase);
    }

    /** {@code devices/{id}/messages/events/...} or {@code devices/{id}/modules/{m}/messages/events/...}. */
    static String deviceId(String topic) {
        String[] parts = topic.split("/");
        if (parts.length < 2 || !parts[0].equals("devices")) {
            throw new IllegalArgumentException("not a device topic: " + topic);
        }
        return parts[1];
    }

    private static JsonNode parse(byte[] body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new IllegalArgumentException("the harness published a message it cannot read back", e);
        }
    }
}
