package io.vigil.twin.brokerauth;

/**
 * A broker's news that a client connected or went away, as it posts it to {@code POST /broker/connections}
 * (EMQX's {@code client.connected} / {@code client.disconnected} webhooks, VerneMQ's {@code on_client_wakeup} /
 * {@code on_client_offline}, the embedded broker's extension).
 *
 * @param event {@code connected} or {@code disconnected}
 * @param at    when, ISO 8601; the time of receipt when absent
 */
public record ConnectionEvent(String clientId, String username, String event, String at) {
}
