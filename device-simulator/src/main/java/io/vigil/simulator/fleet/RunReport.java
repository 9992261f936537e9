package io.vigil.simulator.fleet;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a run's summary as JSON for the ingest benchmark and other scripts. Keys are flat and stable:
 * {@code messages}, {@code events}, {@code acked}, {@code failed}, {@code durationSeconds},
 * {@code messagesPerSecond} (sent), {@code ackedPerSecond}, {@code eventsPerSecond}, plus the run's settings,
 * connection counts, ack latency and which devices ran which scenario.
 */
public final class RunReport {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private RunReport() {
    }

    public static ObjectNode toJson(RunSummary summary) {
        ObjectNode root = JSON.createObjectNode();
        root.put("broker", summary.broker());
        root.put("scenario", summary.scenario());
        root.put("devices", summary.devices());
        root.put("seed", summary.seed());
        root.put("targetRate", summary.targetRate());
        root.put("eventsPerMessage", summary.eventsPerMessage());
        root.put("maxInFlight", summary.maxInFlight());
        root.put("stopReason", summary.stopReason());
        root.put("succeeded", summary.succeeded());
        root.put("startedAt", summary.startedAt().toString());
        root.put("endedAt", summary.endedAt().toString());
        root.put("durationSeconds", round(summary.durationSeconds()));
        root.put("messages", summary.messages());
        root.put("events", summary.events());
        root.put("bytes", summary.bytes());
        root.put("acked", summary.acked());
        root.put("failed", summary.failed());
        root.put("messagesPerSecond", round(summary.messagesPerSecond()));
        root.put("ackedPerSecond", round(summary.ackedPerSecond()));
        root.put("eventsPerSecond", round(summary.eventsPerSecond()));
        ObjectNode latency = root.putObject("ackLatencyMillis");
        latency.put("mean", round(summary.meanAckLatencyMillis()));
        latency.put("max", round(summary.maxAckLatencyMillis()));
        ObjectNode connections = root.putObject("connections");
        connections.put("devicesConnected", summary.devicesConnected());
        connections.put("connectFailures", summary.connectFailures());
        connections.put("connectionLosses", summary.connectionLosses());
        connections.put("lastConnectError", summary.lastConnectError());
        ObjectNode byScenario = root.putObject("devicesByScenario");
        summary.devicesByScenario().forEach(byScenario::put);
        ObjectNode suspicious = root.putObject("suspiciousDevices");
        summary.suspiciousDevices().forEach(suspicious::put);
        return root;
    }

    public static void write(RunSummary summary, Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        JSON.writeValue(file.toFile(), toJson(summary));
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
