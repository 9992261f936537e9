package io.vigil.detection.customalerts;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import io.vigil.contracts.twins.SecurityGroupNotice;
import io.vigil.contracts.twins.TwinFeed;
import io.vigil.platform.broker.BatchingConsumer;
import io.vigil.platform.broker.DeadLetters;
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
import java.util.function.Function;

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
    private final DeadLetters deadLetters;
    private BatchingConsumer consumer;

    SecurityGroupMemberships(Vertx vertx, BrokerConnection broker, Pool pool, ObjectMapper mapper, SecurityGroupStore store,
                             MeterRegistry registry, DeadLetters deadLetters) {
        this.vertx = vertx;
        this.broker = broker;
        this.pool = pool;
        this.mapper = mapper;
        this.store = store;
        this.deadLetters = deadLetters;
        this.latency = Timer.builder("vigil.detection.security-groups.latency").description("from receipt to acknowledgement")
                .register(registry);
    }

    void start(@Observes StartupEvent event) {
        MqttSession session = broker.openSession("detection-security-groups");
        consumer = new BatchingConsumer(vertx, session, new BatchingConsumer.Settings(200, Duration.ofMillis(5), Duration.ofMillis(200)),
                this::handle, latency, "detection-security-groups", deadLetters);
        consumer.subscribe(List.of(TwinFeed.SECURITY_GROUPS_ROOT + "/#"));
    }

    void stop(@Observes ShutdownEvent event) {
        if (consumer != null) {
            consumer.stop();
        }
    }

    /** In arrival order, so that a device deleted and created again within one batch ends in its new group. */
    private Future<Void> handle(List<InboundMessage> batch) {
        List<Function<SqlConnection, Future<Void>>> changes = new ArrayList<>();
        for (InboundMessage message : batch) {
            if (message.payload().length == 0) {
                // twin-service cleared a deleted device's retained notice: .../security-groups/{hubName}/{deviceId}
                String[] levels = message.topic().substring(TwinFeed.SECURITY_GROUPS_ROOT.length() + 1).split("/", 2);
                if (levels.length == 2) {
                    changes.add(connection -> store.forget(connection, levels[0], levels[1]));
                }
                continue;
            }
            try {
                SecurityGroupNotice notice = mapper.readValue(message.payload(), SecurityGroupNotice.class);
                if (notice.version() != SecurityGroupNotice.CURRENT_VERSION || notice.hub() == null || notice.deviceId() == null
                        || notice.changedAt() == null) {
                    LOG.warnf("Skipping a security group notice of version %d on %s", notice.version(), message.topic());
                    continue;
                }
                changes.add(connection -> store.join(connection, notice));
            } catch (IOException e) {
                LOG.warnf("Skipping an unreadable security group notice on %s: %s", message.topic(), e.getMessage());
            }
        }
        if (changes.isEmpty()) {
            return Future.succeededFuture();
        }
        return pool.withTransaction(connection -> {
            Future<Void> chain = Future.succeededFuture();
            for (Function<SqlConnection, Future<Void>> change : changes) {
                chain = chain.compose(v -> change.apply(connection));
            }
            return chain;
        });
    }
}
