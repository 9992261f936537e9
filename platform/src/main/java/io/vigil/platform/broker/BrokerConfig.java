package io.vigil.platform.broker;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/**
 * How a service reaches the MQTT broker. Every property can be set through the environment, e.g.
 * {@code VIGIL_BROKER_HOST} for {@code vigil.broker.host}.
 */
@ConfigMapping(prefix = "vigil.broker")
public interface BrokerConfig {

    /** Broker host name. */
    @WithDefault("localhost")
    String host();

    /** Broker TCP port. */
    @WithDefault("1883")
    int port();

    /** User name presented to the broker (the service's own credentials), if the broker requires one. */
    Optional<String> username();

    /** Password presented to the broker. */
    Optional<String> password();

    /**
     * Client id. It must be stable across restarts of one replica so that the broker keeps its persistent
     * session, and unique per replica; the default is the application name plus the host name (the pod name
     * on Kubernetes).
     */
    Optional<String> clientId();

    /** Keep the session (subscriptions and unacknowledged QoS 1 messages) while the service is away. */
    @WithDefault("true")
    boolean persistentSession();

    /** MQTT keep-alive interval. */
    @WithDefault("30s")
    Duration keepAlive();

    /** Largest MQTT packet the client accepts, in bytes. */
    @WithDefault("1048576")
    int maxMessageSize();

    /** Outgoing QoS 1 messages that may wait for their PUBACK at once; further publishes queue up. */
    @WithDefault("512")
    int maxInflight();

    /** First delay before reconnecting after the connection dropped; doubles up to {@link #maxReconnectDelay()}. */
    @WithDefault("500ms")
    Duration reconnectDelay();

    /** Longest delay between two reconnection attempts. */
    @WithDefault("15s")
    Duration maxReconnectDelay();
}
