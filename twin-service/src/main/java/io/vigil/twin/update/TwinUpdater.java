package io.vigil.twin.update;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Future;
import io.vigil.twin.agentconfig.AgentConfigurations;
import io.vigil.twin.devicechannel.DesiredPropertyNotifier;
import io.vigil.twin.http.IfMatch;
import io.vigil.twin.http.TwinApiException;
import io.vigil.twin.store.TwinStore;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;

/**
 * Applies an operator's twin change: the change itself, then the agent configuration check on the desired
 * properties it leads to, all under the twin's row lock so the check sees what will be stored; after the commit the
 * device hears of its new desired properties.
 */
@ApplicationScoped
public class TwinUpdater {

    private final TwinStore twins;
    private final DesiredPropertyNotifier notifier;

    TwinUpdater(TwinStore twins, DesiredPropertyNotifier notifier) {
        this.twins = twins;
        this.notifier = notifier;
    }

    public Future<JsonNode> apply(String hub, String deviceId, String moduleId, TwinChange change, IfMatch ifMatch) {
        return twins.change(hub, deviceId, moduleId, ifMatch, current -> {
            var next = change.applyTo(current, Instant.now());
            if (change.changesDesired()) {
                List<String> problems = AgentConfigurations.problems(moduleId, next.path("properties").path("desired"));
                if (!problems.isEmpty()) {
                    throw new TwinApiException(400, "AgentConfigurationInvalid",
                            "the agent would refuse this configuration: " + String.join("; ", problems));
                }
            }
            return next;
        }).compose(changed -> change.desiredNotification(changed)
                .map(patch -> notifier.notify(hub, deviceId, moduleId, patch).map(changed))
                .orElse(Future.succeededFuture(changed)));
    }
}
