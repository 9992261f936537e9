package io.vigil.stack.brokerauth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.hivemq.extension.sdk.api.async.Async;
import com.hivemq.extension.sdk.api.async.TimeoutFallback;
import com.hivemq.extension.sdk.api.auth.SimpleAuthenticator;
import com.hivemq.extension.sdk.api.auth.parameter.SimpleAuthInput;
import com.hivemq.extension.sdk.api.auth.parameter.SimpleAuthOutput;
import com.hivemq.extension.sdk.api.auth.parameter.TopicPermission;
import com.hivemq.extension.sdk.api.client.parameter.ConnectionAttributeStore;
import com.hivemq.extension.sdk.api.packets.auth.DefaultAuthorizationBehaviour;
import com.hivemq.extension.sdk.api.packets.connect.ConnackReasonCode;
import com.hivemq.extension.sdk.api.services.builder.Builders;

import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Decides one CONNECT of the embedded broker. The services' account is checked here; any other client is a device,
 * and twin-service decides: allowed devices get exactly the topic rules it returns and nothing else (the default
 * becomes deny), refused ones a CONNACK with "not authorized". While twin-service cannot be reached devices are
 * refused with "server unavailable" and retry, as they would with IoT Hub.
 */
final class BrokerLoginCheck implements SimpleAuthenticator {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ServiceAccount services;
    private final URI authenticate;
    private final Supplier<String> brokerToken;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    BrokerLoginCheck(ServiceAccount services, URI twinService, Supplier<String> brokerToken) {
        this.services = services;
        this.authenticate = twinService.resolve("/broker/authenticate");
        this.brokerToken = brokerToken;
    }

    @Override
    public void onConnect(SimpleAuthInput input, SimpleAuthOutput output) {
        String clientId = input.getConnectPacket().getClientId();
        Optional<String> username = input.getConnectPacket().getUserName();
        byte[] password = input.getConnectPacket().getPassword().map(BrokerLoginCheck::bytes).orElse(new byte[0]);
        if (username.isPresent() && services.matches(username.get(), password)) {
            // The services' own connections: everything, the internal topics included.
            output.authenticateSuccessfully();
            return;
        }
        ObjectNode request = JSON.createObjectNode();
        request.put("clientId", clientId);
        request.put("username", username.orElse(null));
        request.put("password", new String(password, StandardCharsets.UTF_8));
        input.getConnectionInformation().getInetAddress().map(InetAddress::getHostAddress)
                .ifPresent(address -> request.put("clientAddress", address));
        input.getConnectionInformation().getClientTlsInformation().ifPresent(tls -> {
            tls.getClientCertificate().ifPresent(certificate -> {
                request.put("certificateThumbprint", thumbprint(certificate));
                request.put("certificateNotAfter", certificate.getNotAfter().toInstant().toString());
            });
            tls.getClientCertificateChain().ifPresent(chain -> {
                var pems = request.putArray("certificateChain");
                for (X509Certificate certificate : chain) {
                    pems.add(pem(certificate));
                }
            });
        });
        Async<SimpleAuthOutput> async = output.async(TIMEOUT, TimeoutFallback.FAILURE, ConnackReasonCode.SERVER_UNAVAILABLE,
                "the device registry did not answer in time");
        HttpRequest call = HttpRequest.newBuilder(authenticate).timeout(TIMEOUT)
                .header("Authorization", "Bearer " + brokerToken.get()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(request.toString())).build();
        ConnectionAttributeStore attributes = input.getConnectionInformation().getConnectionAttributeStore();
        http.sendAsync(call, HttpResponse.BodyHandlers.ofString()).whenComplete((response, failure) -> {
            try {
                if (decide(async.getOutput(), response, failure)) {
                    // The connection reporter tells twin-service of this device's connection state.
                    attributes.putAsString(ConnectionReporter.DEVICE_LOGIN, username.orElse(""));
                }
            } finally {
                async.resume();
            }
        });
    }

    /** Answers the CONNECT from twin-service's decision; true when the device was let in. */
    private static boolean decide(SimpleAuthOutput output, HttpResponse<String> response, Throwable failure) {
        if (failure != null || response.statusCode() >= 500 || response.statusCode() == 401) {
            output.failAuthentication(ConnackReasonCode.SERVER_UNAVAILABLE, "the device registry cannot be reached");
            return false;
        }
        if (response.statusCode() != 200) {
            output.failAuthentication(ConnackReasonCode.NOT_AUTHORIZED, "not authorized");
            return false;
        }
        try {
            JsonNode body = JSON.readTree(response.body());
            for (JsonNode rule : body.path("acl")) {
                output.getDefaultPermissions().add(Builders.topicPermission()
                        .topicFilter(rule.path("topic").asText())
                        .activity("subscribe".equals(rule.path("action").asText())
                                ? TopicPermission.MqttActivity.SUBSCRIBE : TopicPermission.MqttActivity.PUBLISH)
                        .type(TopicPermission.PermissionType.ALLOW)
                        .sharedSubscription(TopicPermission.SharedSubscription.NOT_SHARED)
                        .build());
            }
            output.getDefaultPermissions().setDefaultBehaviour(DefaultAuthorizationBehaviour.DENY);
            output.authenticateSuccessfully();
            return true;
        } catch (Exception e) {
            output.failAuthentication(ConnackReasonCode.SERVER_UNAVAILABLE, "the device registry's answer was not understood");
            return false;
        }
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }

    private static String pem(X509Certificate certificate) {
        try {
            return "-----BEGIN CERTIFICATE-----\n" + java.util.Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                    .encodeToString(certificate.getEncoded()) + "\n-----END CERTIFICATE-----\n";
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String thumbprint(X509Certificate certificate) {
        try {
            return HexFormat.of().withUpperCase().formatHex(MessageDigest.getInstance("SHA-1").digest(certificate.getEncoded()));
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }
}
