package io.vigil.twin.brokerauth;

import java.util.List;

/**
 * The answer to a connecting client: allowed as one identity with its topic rules, or refused with the reason a hub
 * event reports.
 *
 * @param reason one of the reasons of {@link io.vigil.contracts.hubevents.HubEventNotice}; null when allowed
 */
public record AuthenticationDecision(boolean allowed, String reason, String hub, DeviceLogin login, List<TopicRule> rules) {

    static AuthenticationDecision allow(String hub, DeviceLogin login, List<TopicRule> rules) {
        return new AuthenticationDecision(true, null, hub, login, rules);
    }

    static AuthenticationDecision deny(String reason, String hub, DeviceLogin login) {
        return new AuthenticationDecision(false, reason, hub, login, List.of());
    }
}
