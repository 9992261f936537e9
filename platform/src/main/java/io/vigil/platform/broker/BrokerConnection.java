package io.vigil.platform.broker;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The service's connections to the MQTT broker: one main session for publishing and light subscriptions, and
 * extra sessions that a busy consumer opens so that several in-flight windows work for it at once (the broker
 * limits unacknowledged deliveries per connection, and a consumer that acknowledges only after committing would
 * otherwise wait on that limit). See {@link MqttSession} for what each connection guarantees.
 */
@ApplicationScoped
public class BrokerConnection {

    private final Vertx vertx;
    private final BrokerConfig config;
    private final String clientId;
    private final MqttSession main;
    private final List<MqttSession> extra = new CopyOnWriteArrayList<>();

    BrokerConnection(Vertx vertx, BrokerConfig config,
                     @ConfigProperty(name = "quarkus.application.name") String applicationName) {
        this.vertx = vertx;
        this.config = config;
        this.clientId = config.clientId().orElseGet(() -> applicationName + "-" + hostName());
        this.main = new MqttSession(vertx, config, clientId, false);
    }

    void start(@Observes StartupEvent event) {
        main.start();
    }

    void stop(@Observes ShutdownEvent event) {
        main.stop();
        extra.forEach(MqttSession::stop);
    }

    /**
     * Opens a consumer connection whose client id is the main one's plus the suffix, stable across restarts so that
     * the broker keeps its persistent session. The service is not ready until it has subscribed.
     */
    public MqttSession openSession(String suffix) {
        MqttSession session = new MqttSession(vertx, config, clientId + "-" + suffix, true);
        extra.add(session);
        session.start();
        return session;
    }

    /** True while every connection is up and every consumer connection is subscribed; readiness reports this. */
    public boolean isReady() {
        return main.isConnected() && extra.stream().allMatch(MqttSession::isReady);
    }

    public String clientId() {
        return clientId;
    }

    public String describe() {
        return config.host() + ":" + config.port() + (extra.isEmpty() ? "" : " (" + (1 + extra.size()) + " connections)");
    }

    /** Subscribes on the main connection; see {@link MqttSession#subscribe}. */
    public void subscribe(String topicFilter, Consumer<InboundMessage> handler) {
        main.subscribe(topicFilter, handler);
    }

    /** Publishes on the main connection; see {@link MqttSession#publish}. */
    public Future<Void> publish(String topic, byte[] payload) {
        return main.publish(topic, payload);
    }

    /** Publishes a retained message on the main connection; see {@link MqttSession#publishRetained}. */
    public Future<Void> publishRetained(String topic, byte[] payload) {
        return main.publishRetained(topic, payload);
    }

    private static String hostName() {
        return Optional.ofNullable(System.getenv("HOSTNAME"))
                .filter(h -> !h.isBlank())
                .orElseGet(() -> {
                    try {
                        return java.net.InetAddress.getLocalHost().getHostName();
                    } catch (java.net.UnknownHostException e) {
                        return "local";
                    }
                });
    }
}
