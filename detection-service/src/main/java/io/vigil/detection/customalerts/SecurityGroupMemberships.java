package io.vigil.detection.customalerts;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vigil.contracts.twins.SecurityGroupNotice;
import io.vigil.contracts.twins.TwinFeed;
import io.vigil.platform.broker.BatchingConsumer;
import io.vigil.platform.broker.BrokerConnection;
import io.vigil.platform.broker.InboundMessage;
import io.vigil.platform.broker.MqttSession;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps the devices' memberships from twin-service's security group notices. Not a shared subscription: the broker
 * sends retained messages only to plain subscriptions, and they are what tells a fresh replica every device's group.
 * Every replica writes every notice; the twin version makes that idempotent.
 */
@ApplicationScoped
public class SecurityGroupMemberships {

    private static final Logger LOG = Logger.getLogger(SecurityGroupMemberships.class);

    private final Vertx vertx;
    private final BrokerConnection broker;
    private final Pool pool;
    private final ObjectMapper mapper;
    private final SecurityGroupStore store;
    private final Timer latency;
    private BatchingConsumer consumer;

    SecurityGroupMemberships(Vertx vertx, BrokerConnection broker, Pool pool, ObjectMapper mapper, SecurityGroupStore store,
                             MeterRegistry registry) {
        this.vertx = vertx;
        this.broker = broker;
        this.pool = pool;
        this.mapper = mapper;
        this.store = store;
        this.latency = Timer.builder("vigil.detection.security-groups.latency").description("from receipt to acknowledgement")
                .register(registry);
    }

    void start(@Observes StartupEvent event) {
        MqttSession session = broker.openSession("detection-security-groups");
        consumer = new BatchingConsumer(vertx, session, new BatchingConsumer.Settings(200, Duration.ofMillis(5), Duration.ofMillis(200)),
                this::handle, latency);
        consumer.subscribe(List.of(TwinFeed.SECURITY_GROUPS_ROOT + "/#"));
    }

    void stop(@Observes ShutdownEvent event) {
        if (consumer != null) {
            consumer.stop();
        }
    }

    private Future<Void> handle(List<InboundMessage> batch) {
        List<SecurityGroupNotice> notices = new ArrayList<>();
        for (InboundMessage message : batch) {
            if (message.payload().length == 0) {
                continue; // a cleared retained message
            }
            try {
                SecurityGroupNotice notice = mapper.readValue(message.payload(), SecurityGroupNotice.class);
                if (notice.version() != SecurityGroupNotice.CURRENT_VERSION || notice.hub() == null || notice.deviceId() == null
                        || notice.changedAt() == null) {
                    LOG.warnf("Skipping a security group notice of version %d on %s", notice.version(), message.topic());
                    continue;
                }
                notices.add(notice);
            } catch (IOException e) {
                LOG.warnf("Skipping an unreadable security group notice on %s: %s", message.topic(), e.getMessage());
            }
        }
        if (notices.isEmpty()) {
            return Future.succeededFuture();
        }
        return pool.withTransaction(connection -> {
            Future<Void> chain = Future.succeededFuture();
            for (SecurityGroupNotice notice : notices) {
                chain = chain.compose(v -> store.join(connection, notice));
            }
            return chain;
        });
    }
}
