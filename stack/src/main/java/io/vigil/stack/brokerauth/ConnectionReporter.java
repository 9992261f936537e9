package io.vigil.stack.brokerauth;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.hivemq.extension.sdk.api.events.client.ClientLifecycleEventListener;
import com.hivemq.extension.sdk.api.events.client.parameters.AuthenticationSuccessfulInput;
import com.hivemq.extension.sdk.api.events.client.parameters.ConnectionStartInput;
import com.hivemq.extension.sdk.api.events.client.parameters.DisconnectEventInput;
import com.hivemq.extension.sdk.api.parameter.ClientBasedInput;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Tells twin-service when a device the login check let in connects and when it goes away
 * ({@code POST /broker/connections}), so identities and twins show their connection state. Each event carries its
 * time; twin-service ignores one older than the state it has. A lost report leaves the state as it was until the
 * device's next connection or disconnection.
 */
final class ConnectionReporter implements ClientLifecycleEventListener {

    /** Connection attribute the login check sets on a device's connection: its username. */
    static final String DEVICE_LOGIN = "vigil.device-login";

    private final URI connections;
    private final Supplier<String> brokerToken;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    ConnectionReporter(URI twinService, Supplier<String> brokerToken) {
        this.connections = twinService.resolve("/broker/connections");
        this.brokerToken = brokerToken;
    }

    @Override
    public void onMqttConnectionStart(ConnectionStartInput input) {
        // Not yet a device: the login check has not decided.
    }

    @Override
    public void onAuthenticationSuccessful(AuthenticationSuccessfulInput input) {
        report(input, "connected");
    }

    @Override
    public void onDisconnect(DisconnectEventInput input) {
        report(input, "disconnected");
    }

    private void report(ClientBasedInput input, String event) {
        Optional<String> username = input.getConnectionInformation().getConnectionAttributeStore().getAsString(DEVICE_LOGIN);
        if (username.isEmpty()) {
            return;
        }
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("clientId", input.getClientInformation().getClientId());
        body.put("username", username.get());
        body.put("event", event);
        body.put("at", Instant.now().toString());
        HttpRequest request = HttpRequest.newBuilder(connections).timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + brokerToken.get()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
        http.sendAsync(request, HttpResponse.BodyHandlers.discarding());
    }
}
