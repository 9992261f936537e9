package io.vigil.platform.hubs;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithParentName;

import java.util.Map;
import java.util.Optional;

/**
 * The hubs this deployment serves, by hub name: {@code vigil.hubs.<name>.resource-id} and
 * {@code vigil.hubs.<name>.topic-prefix}. Every service reads the same list, so a device's topics mean the same hub
 * to ingest (telemetry) and to twin-service (twin topics). One hub, {@code vigil-hub}, is configured by default.
 */
@ConfigMapping(prefix = "vigil.hubs")
public interface HubsConfig {

    @WithParentName
    Map<String, Hub> hubs();

    interface Hub {
        /** {@code /subscriptions/<sub>/resourceGroups/<rg>/providers/Microsoft.Devices/IotHubs/<hub>} */
        String resourceId();

        /** Topic prefix of this hub's devices on a shared broker, e.g. {@code hubs/contoso/}; none by default. */
        Optional<String> topicPrefix();
    }
}
