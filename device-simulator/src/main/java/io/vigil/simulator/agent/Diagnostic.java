package io.vigil.simulator.agent;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Objects;
import java.util.UUID;

/** A line of the agent's own log, sent as a diagnostic event. */
public final class Diagnostic extends TriggeredEvent<Diagnostic> {

    public enum Severity {
        FATAL("Fatal"),
        ERROR("Error"),
        WARNING("Warning"),
        INFORMATION("Information"),
        DEBUG("Debug");

        private final String wireName;

        Severity(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }
    }

    private final Severity severity;
    private final String message;
    private int processId;
    private int threadId;
    private UUID correlationId;

    Diagnostic(Severity severity, String message) {
        super("Diagnostic", EventType.DIAGNOSTIC);
        this.severity = Objects.requireNonNull(severity, "severity");
        this.message = Objects.requireNonNull(message, "message");
    }

    public Diagnostic processId(int processId) {
        this.processId = processId;
        return this;
    }

    public Diagnostic threadId(int threadId) {
        this.threadId = threadId;
        return this;
    }

    public Diagnostic correlationId(UUID correlationId) {
        this.correlationId = correlationId;
        return this;
    }

    @Override
    void writeFields(ObjectNode item) {
        if (correlationId != null) {
            item.put("CorrelationId", correlationId.toString());
        }
        item.put("Severity", severity.wireName());
        item.put("Message", message);
        item.put("ProcessId", processId);
        item.put("ThreadId", threadId);
    }
}
