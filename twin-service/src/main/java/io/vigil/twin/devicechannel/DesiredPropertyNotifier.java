package io.vigil.twin.devicechannel;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import io.vigil.platform.broker.BrokerConnection;
import io.vigil.platform.hubs.HubDirectory;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Tells a device of its desired properties' change once the change has committed, on its desired topic, as IoT Hub
 * does. A device that was away, or a notice lost with the broker, is covered the IoT Hub way: devices read their
 * whole twin (GET) when they connect and compare {@code $version}.
 */
@ApplicationScoped
public class DesiredPropertyNotifier {

    private static final Logger LOG = Logger.getLogger(DesiredPropertyNotifier.class);

    private final BrokerConnection broker;
    private final HubDirectory hubs;

    DesiredPropertyNotifier(BrokerConnection broker, HubDirectory hubs) {
        this.broker = broker;
        this.hubs = hubs;
    }

    public Future<Void> notify(String hub, String deviceId, String moduleId, ObjectNode desiredPatch) {
        Optional<HubDirectory.Hub> configured = hubs.byResourceId(hub);
        if (configured.isEmpty()) {
            // A hub reached only through the REST API has no device topics on this broker.
            return Future.succeededFuture();
        }
        String topic = configured.get().topicPrefix() + TwinTopic.desiredTopic(deviceId, moduleId, desiredPatch.path("$version").asLong());
        return broker.publish(topic, desiredPatch.toString().getBytes(StandardCharsets.UTF_8))
                .onFailure(e -> LOG.warnf("Could not tell %s of its desired properties (the device reads them at its next GET): %s",
                        deviceId, e.getMessage()))
                .otherwiseEmpty();
    }
}
