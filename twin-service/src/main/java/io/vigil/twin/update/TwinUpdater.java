package io.vigil.twin.update;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Future;
import io.vigil.twin.agentconfig.AgentConfigurations;
import io.vigil.twin.devicechannel.DesiredPropertyNotifier;
import io.vigil.twin.http.IfMatch;
import io.vigil.twin.hubevents.TwinUpdateReporter;
import io.vigil.twin.http.TwinApiException;
import io.vigil.twin.securitygroups.SecurityGroupChange;
import io.vigil.twin.securitygroups.SecurityGroupPublisher;
import io.vigil.twin.store.TwinStore;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;

/**
 * Applies an operator's twin change: the change itself, then the agent configuration check on the desired
 * properties it leads to, all under the twin's row lock so the check sees what will be stored; after the commit the
 * device hears of its new desired properties, and detection of a device's move to another security group and of the
 * update itself (for the twin-update custom alert rule).
 */
@ApplicationScoped
public class TwinUpdater {

    private final TwinStore twins;
    private final DesiredPropertyNotifier notifier;
    private final SecurityGroupPublisher securityGroups;
    private final TwinUpdateReporter updates;

    TwinUpdater(TwinStore twins, DesiredPropertyNotifier notifier, SecurityGroupPublisher securityGroups, TwinUpdateReporter updates) {
        this.twins = twins;
        this.updates = updates;
        this.notifier = notifier;
        this.securityGroups = securityGroups;
    }

    public Future<JsonNode> apply(String hub, String deviceId, String moduleId, TwinChange change, IfMatch ifMatch) {
        JsonNode[] before = new JsonNode[1];
        return twins.change(hub, deviceId, moduleId, ifMatch, current -> {
            before[0] = current.deepCopy();
            var next = change.applyTo(current, Instant.now());
            if (change.changesDesired()) {
                List<String> problems = AgentConfigurations.problems(moduleId, next.path("properties").path("desired"));
                if (!problems.isEmpty()) {
                    throw new TwinApiException(400, "AgentConfigurationInvalid",
                            "the agent would refuse this configuration: " + String.join("; ", problems));
                }
            }
            return next;
        }).onSuccess(changed -> updates.updated(hub, deviceId, Instant.now()))
                .compose(changed -> announceSecurityGroup(hub, deviceId, moduleId, before[0], changed).map(changed))
                .compose(changed -> change.desiredNotification(changed)
                .map(patch -> notifier.notify(hub, deviceId, moduleId, patch).map(changed))
                .orElse(Future.succeededFuture(changed)));
    }

    /** Only the device twin's tags place a device in a group; module twins' tags do not. */
    private Future<Void> announceSecurityGroup(String hub, String deviceId, String moduleId, JsonNode before, JsonNode after) {
        if (!moduleId.isEmpty()) {
            return Future.succeededFuture();
        }
        return SecurityGroupChange.between(hub, deviceId, before, after, Instant.now())
                .map(securityGroups::publish)
                .orElse(Future.succeededFuture());
    }
}
