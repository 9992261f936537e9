package io.vigil.ingest.topic;

import io.vigil.contracts.hub.HubResourceId;
import io.vigil.ingest.config.IngestConfig;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** The configured hubs, and which one a topic belongs to. Refuses a bad hub configuration at start-up. */
@ApplicationScoped
public class HubDirectory {

    private final List<Hub> hubs;

    HubDirectory(IngestConfig config) {
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
            throw new IllegalStateException("no hub configured: set vigil.ingest.hubs.<name>.resource-id");
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

    public record Hub(HubResourceId resourceId, String topicPrefix) {

        /** The two device-to-cloud topic filters of this hub, as shared subscriptions of the given group. */
        public List<String> subscriptions(String group) {
            return List.of("$share/" + group + "/" + topicPrefix + "devices/+/messages/events/#",
                    "$share/" + group + "/" + topicPrefix + "devices/+/modules/+/messages/events/#");
        }
    }

    public record Routed(Hub hub, String topicBelowPrefix) {
    }
}
