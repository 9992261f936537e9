package io.vigil.simulator.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import java.io.IOException;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The agent project's own JSON Schemas (copied to {@code src/test/resources/agent-schemas/}), for checking that
 * what we send is what a real agent may send.
 * <p>
 * Format assertions are on: the schema's IP field is {@code oneOf [ipv4, ipv6]}, which only works when formats
 * are checked (otherwise any string matches both branches and oneOf fails). The schemas' relative {@code $id}s are
 * resolved under a made-up base URI that maps to the classpath.
 */
public final class AgentSchemaValidator {

    private static final String BASE = "https://schemas.vigil.test/agent/";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonSchema MESSAGE_ROOT = load();

    private AgentSchemaValidator() {
    }

    private static JsonSchema load() {
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7,
                builder -> builder.schemaMappers(mappers -> mappers.mapPrefix(BASE, "classpath:agent-schemas/")));
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder()
                .formatAssertionsEnabled(true)
                .build();
        return factory.getSchema(SchemaLocation.of(BASE + "messageRoot.json"), config);
    }

    /** The schema violations of a message body; empty when valid. */
    public static List<String> violations(byte[] message) {
        JsonNode node;
        try {
            node = JSON.readTree(message);
        } catch (IOException e) {
            return List.of("not JSON: " + e.getMessage());
        }
        Set<ValidationMessage> messages = MESSAGE_ROOT.validate(node);
        return messages.stream().map(ValidationMessage::toString).sorted().toList();
    }

    public static void assertValid(byte[] message) {
        assertThat(violations(message))
                .as("schema violations of %s", new String(message, java.nio.charset.StandardCharsets.UTF_8))
                .isEmpty();
    }
}
