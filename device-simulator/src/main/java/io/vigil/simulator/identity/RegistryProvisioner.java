package io.vigil.simulator.identity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Makes sure every simulated device exists in twin-service's registry and learns its primary key: a device is
 * created ({@code PUT /devices/{id}}), or read when it exists already, with an admin token. A few requests run at a
 * time, so a large fleet is provisioned in seconds without flooding the service.
 */
public final class RegistryProvisioner {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int PARALLEL = 8;
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final URI registry;
    private final String token;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public RegistryProvisioner(URI registry, String token) {
        this.registry = registry;
        this.token = token;
    }

    /** The primary key of each device, creating the devices that do not exist yet. */
    public Map<String, String> keys(List<String> deviceIds) {
        Map<String, String> keys = new ConcurrentHashMap<>();
        Semaphore slots = new Semaphore(PARALLEL);
        CompletableFuture<?>[] all = new CompletableFuture<?>[deviceIds.size()];
        for (int i = 0; i < deviceIds.size(); i++) {
            String deviceId = deviceIds.get(i);
            slots.acquireUninterruptibly();
            all[i] = send("PUT", deviceId).thenCompose(created -> created.statusCode() == 409 ? send("GET", deviceId)
                            : CompletableFuture.completedFuture(created))
                    .thenAccept(answer -> keys.put(deviceId, primaryKey(deviceId, answer)))
                    .whenComplete((done, failure) -> slots.release());
        }
        try {
            CompletableFuture.allOf(all).join();
        } catch (RuntimeException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new IllegalStateException("could not provision the devices at " + registry + ": " + cause.getMessage(), cause);
        }
        return keys;
    }

    private CompletableFuture<HttpResponse<String>> send(String method, String deviceId) {
        URI device = registry.resolve("/devices/" + URLEncoder.encode(deviceId, StandardCharsets.UTF_8));
        HttpRequest.Builder request = HttpRequest.newBuilder(device).timeout(TIMEOUT).header("Authorization", "Bearer " + token);
        if (method.equals("PUT")) {
            request.header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString("{}"));
        } else {
            request.GET();
        }
        return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString())
                .thenCompose(answer -> answer.statusCode() == 429 ? later(answer, () -> send(method, deviceId))
                        : CompletableFuture.completedFuture(answer));
    }

    /**
     * The service limits each client's request rate (README, Security: Limits); a large fleet provisioned eight at a
     * time can meet it, so a 429 is retried after the Retry-After it names rather than failing the run.
     */
    private static CompletableFuture<HttpResponse<String>> later(HttpResponse<String> refused,
                                                                 Supplier<CompletableFuture<HttpResponse<String>>> again) {
        long seconds = refused.headers().firstValueAsLong("Retry-After").orElse(1);
        return CompletableFuture.supplyAsync(() -> null,
                        CompletableFuture.delayedExecutor(Math.max(1, seconds), TimeUnit.SECONDS))
                .thenCompose(ignored -> again.get());
    }

    private static String primaryKey(String deviceId, HttpResponse<String> answer) {
        if (answer.statusCode() != 200) {
            throw new IllegalStateException("the registry answered " + answer.statusCode() + " for " + deviceId + ": " + answer.body());
        }
        try {
            JsonNode key = JSON.readTree(answer.body()).path("authentication").path("symmetricKey").path("primaryKey");
            if (!key.isTextual()) {
                throw new IllegalStateException(deviceId + " has no symmetric key, or the token is not an admin's");
            }
            return key.asText();
        } catch (IOException e) {
            throw new IllegalStateException("the registry's answer for " + deviceId + " is not JSON", e);
        }
    }
}
