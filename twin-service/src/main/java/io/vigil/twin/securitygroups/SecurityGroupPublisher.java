package io.vigil.twin.securitygroups;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Future;
import io.vigil.contracts.hub.HubResourceId;
import io.vigil.contracts.twins.SecurityGroupNotice;
import io.vigil.contracts.twins.TwinFeed;
import io.vigil.platform.broker.BrokerConnection;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Publishes security group notices, retained, one topic per device: the broker then holds every device's current
 * group, so a detection replica that starts later learns all memberships from its subscription alone. After the
 * fact, like hub events: a notice the broker did not take is logged, and the twin stays the source of truth.
 */
@ApplicationScoped
public class SecurityGroupPublisher {

    private static final Logger LOG = Logger.getLogger(SecurityGroupPublisher.class);

    private final BrokerConnection broker;
    private final ObjectMapper mapper;

    SecurityGroupPublisher(BrokerConnection broker, ObjectMapper mapper) {
        this.broker = broker;
        this.mapper = mapper;
    }

    public Future<Void> publish(SecurityGroupNotice notice) {
        try {
            String topic = TwinFeed.securityGroupTopic(HubResourceId.parse(notice.hub()).hubName(), notice.deviceId());
            return broker.publishRetained(topic, mapper.writeValueAsBytes(notice))
                    .onFailure(e -> LOG.warnf("Could not publish the security group of %s: %s", notice.deviceId(), e.getMessage()))
                    .otherwiseEmpty();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Clears a deleted device's retained notice: an empty retained message, which consumers read as "forget it". */
    public Future<Void> forget(String hub, String deviceId) {
        String topic = TwinFeed.securityGroupTopic(HubResourceId.parse(hub).hubName(), deviceId);
        return broker.publishRetained(topic, new byte[0])
                .onFailure(e -> LOG.warnf("Could not clear the security group of deleted %s: %s", deviceId, e.getMessage()))
                .otherwiseEmpty();
    }
}
