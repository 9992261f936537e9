package io.vigil.simulator.agent;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Objects;

/** Periodic results of the OS security baseline checks (CCE ids); failures feed the baseline recommendation. */
public final class OSBaseline extends SnapshotEvent<OSBaseline, OSBaseline.Check> {

    OSBaseline() {
        super("OSBaseline", EventType.SECURITY);
    }

    /** The {@code Result} of one check: {@code Err} means the check itself could not run. */
    public enum Result {
        PASS("Pass"),
        FAIL("Fail"),
        ERROR("Err");

        private final String wireName;

        Result(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }
    }

    public enum Severity {
        CRITICAL("Critical"),
        IMPORTANT("Important"),
        WARNING("Warning"),
        INFORMATIONAL("Informational");

        private final String wireName;

        Severity(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }
    }

    /** One baseline check and its outcome. */
    public static final class Check extends PayloadItem<Check> {

        private final String cceId;
        private final String description;
        private final Result result;
        private final String error;
        private final Severity severity;

        private Check(String cceId, String description, Result result, String error, Severity severity) {
            this.cceId = Objects.requireNonNull(cceId, "cceId");
            this.description = Objects.requireNonNull(description, "description");
            this.result = Objects.requireNonNull(result, "result");
            this.error = Objects.requireNonNull(error, "error");
            this.severity = Objects.requireNonNull(severity, "severity");
        }

        /** A passed check; the agent still sends the (empty) error text. */
        public static Check pass(String cceId, String description, Severity severity) {
            return new Check(cceId, description, Result.PASS, "", severity);
        }

        public static Check fail(String cceId, String description, Severity severity, String error) {
            return new Check(cceId, description, Result.FAIL, error, severity);
        }

        public static Check error(String cceId, String description, Severity severity, String error) {
            return new Check(cceId, description, Result.ERROR, error, severity);
        }

        public Result result() {
            return result;
        }

        @Override
        void writeFields(ObjectNode item) {
            item.put("Description", description);
            item.put("CceId", cceId);
            item.put("Result", result.wireName());
            item.put("Error", error);
            item.put("Severity", severity.wireName());
        }
    }
}
