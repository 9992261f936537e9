package io.vigil.twin.brokerauth;

/**
 * What a broker asks of an authenticated client's action, as it posts it to {@code POST /broker/authorize}.
 *
 * @param action {@code publish} or {@code subscribe}
 * @param topic  the topic published to, or the topic filter subscribed to
 */
public record AuthorizationRequest(String clientId, String username, String action, String topic) {
}
