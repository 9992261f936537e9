package io.vigil.simulator.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.StreamSupport;

/** The first messages of one simulated device, parsed, for tests to look into. */
final class DeviceRecording {

    static final Instant NOW = Instant.parse("2026-11-24T10:15:30Z");
    static final long SEED = 42;

    private static final ObjectMapper JSON = new ObjectMapper();

    final List<OutgoingMessage> messages = new ArrayList<>();
    final List<JsonNode> events = new ArrayList<>();

    static DeviceRecording of(Scenario scenario, int messages, int eventsPerMessage) {
        return of("sim-device-1", scenario, SEED, messages, eventsPerMessage);
    }

    static DeviceRecording of(String deviceId, Scenario scenario, long seed, int messages, int eventsPerMessage) {
        SimulatedDevice device = new SimulatedDevice(deviceId, scenario, seed, Clock.fixed(NOW, ZoneOffset.UTC));
        DeviceRecording recording = new DeviceRecording();
        for (int i = 0; i < messages; i++) {
            OutgoingMessage message = device.nextMessage(eventsPerMessage);
            recording.messages.add(message);
            try {
                JSON.readTree(message.body()).get("Events").forEach(recording.events::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return recording;
    }

    List<JsonNode> named(String name) {
        return events.stream().filter(e -> e.get("Name").asText().equals(name)).toList();
    }

    /** Payload items of all events with this name. */
    List<JsonNode> items(String name) {
        return named(name).stream()
                .flatMap(e -> StreamSupport.stream(e.get("Payload").spliterator(), false))
                .toList();
    }

    List<String> commandLines() {
        return items("ProcessCreate").stream().map(i -> i.get("CommandLine").asText()).toList();
    }

    boolean anyItem(String name, Predicate<JsonNode> test) {
        return items(name).stream().anyMatch(test);
    }

    static Instant utc(JsonNode event) {
        return Instant.parse(event.get("TimestampUTC").asText());
    }
}
