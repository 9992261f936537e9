package io.vigil.platform.hubs;

import io.vigil.contracts.hub.HubResourceId;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** The configured hubs, and which one a topic belongs to. Refuses a bad hub configuration at start-up. */
@ApplicationScoped
public class HubDirectory {

    private final List<Hub> hubs;

    HubDirectory(HubsConfig config) {
        List<Hub> configured = new ArrayList<>();
        config.hubs().forEach((name, hub) -> {
            HubResourceId id = HubResourceId.parse(hub.resourceId());
            String prefix = hub.topicPrefix().orElse("");
            if (!prefix.isEmpty() && !prefix.endsWith("/")) {
                prefix = prefix + "/";
            }
            configured.add(new Hub(id, prefix));
        });
        if (configured.isEmpty()) {
            throw new IllegalStateException("no hub configured: set vigil.hubs.<name>.resource-id");
        }
        // The longest prefix wins, so that a hub with no prefix does not swallow the others' topics.
        configured.sort(Comparator.comparingInt((Hub h) -> h.topicPrefix().length()).reversed());
        this.hubs = List.copyOf(configured);
    }

    public List<Hub> hubs() {
        return hubs;
    }

    /** The hub a topic was published under, and the topic below the hub's prefix. */
    public Optional<Routed> route(String topic) {
        for (Hub hub : hubs) {
            if (topic.startsWith(hub.topicPrefix())) {
                return Optional.of(new Routed(hub, topic.substring(hub.topicPrefix().length())));
            }
        }
        return Optional.empty();
    }

    /** The hub with this resource id, if it is configured. */
    public Optional<Hub> byResourceId(String resourceId) {
        return hubs.stream().filter(hub -> hub.resourceId().toString().equalsIgnoreCase(resourceId)).findFirst();
    }

    /** A configured hub: its devices' topics start with {@code topicPrefix} ('' or ending in '/'). */
    public record Hub(HubResourceId resourceId, String topicPrefix) {

        /** A topic filter below this hub's prefix, as a shared subscription of the given group. */
        public String sharedSubscription(String group, String filterBelowPrefix) {
            return "$share/" + group + "/" + topicPrefix + filterBelowPrefix;
        }
    }

    public record Routed(Hub hub, String topicBelowPrefix) {
    }
}
