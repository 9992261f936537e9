package io.vigil.twin.hubevents;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Future;
import io.vigil.contracts.hub.HubResourceId;
import io.vigil.contracts.hubevents.HubEventFeed;
import io.vigil.contracts.hubevents.HubEventNotice;
import io.vigil.platform.broker.BrokerConnection;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Publishes hub events for detection. After the fact: a change's event goes out once it has committed, and an
 * event the broker did not take is logged, not retried (the audit trail keeps the record of every change).
 */
@ApplicationScoped
public class HubEventPublisher {

    private static final Logger LOG = Logger.getLogger(HubEventPublisher.class);

    private final BrokerConnection broker;
    private final ObjectMapper mapper;

    HubEventPublisher(BrokerConnection broker, ObjectMapper mapper) {
        this.broker = broker;
        this.mapper = mapper;
    }

    public Future<Void> publish(HubEventNotice notice) {
        try {
            String hubName = HubResourceId.parse(notice.hub()).hubName();
            return broker.publish(HubEventFeed.topic(hubName, notice.deviceId()), mapper.writeValueAsBytes(notice))
                    .onFailure(e -> LOG.warnf("Could not publish a hub event (%s) of %s: %s", notice.kind(), notice.hub(), e.getMessage()))
                    .otherwiseEmpty();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
