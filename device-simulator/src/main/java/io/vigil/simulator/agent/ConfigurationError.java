package io.vigil.simulator.agent;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Objects;

/**
 * The agent could not use part of its twin configuration. {@code TypeMismatch} raises the "failed to parse the
 * module twin configuration" alert; {@code NotOptimal} and {@code Conflict} raise the twin-configuration
 * recommendations.
 */
public final class ConfigurationError extends TriggeredEvent<ConfigurationError> {

    public enum ErrorType {
        TYPE_MISMATCH("TypeMismatch"),
        NOT_OPTIMAL("NotOptimal"),
        CONFLICT("Conflict");

        private final String wireName;

        ErrorType(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }
    }

    private final String configurationName;
    private final ErrorType errorType;
    private final String usedConfiguration;
    private final String message;

    ConfigurationError(String configurationName, ErrorType errorType, String usedConfiguration, String message) {
        super("ConfigurationError", EventType.OPERATIONAL);
        this.configurationName = Objects.requireNonNull(configurationName, "configurationName");
        this.errorType = Objects.requireNonNull(errorType, "errorType");
        this.usedConfiguration = Objects.requireNonNull(usedConfiguration, "usedConfiguration");
        this.message = Objects.requireNonNull(message, "message");
    }

    @Override
    void writeFields(ObjectNode item) {
        item.put("ConfigurationName", configurationName);
        item.put("ErrorType", errorType.wireName());
        item.put("UsedConfiguration", usedConfiguration);
        item.put("Message", message);
    }
}
