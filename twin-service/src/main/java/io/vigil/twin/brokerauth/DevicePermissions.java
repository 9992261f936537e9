package io.vigil.twin.brokerauth;

import io.vigil.twin.devicechannel.TwinTopic;

import java.util.ArrayList;
import java.util.List;

/**
 * The topics an authenticated identity may use, all under its own name: telemetry and twin requests out, twin
 * answers, desired changes and cloud-to-device messages in. Nothing else, in particular no other device's topics
 * and none of the services' internal {@code vigil/} topics.
 */
public final class DevicePermissions {

    private DevicePermissions() {
    }

    public static List<TopicRule> of(String topicPrefix, DeviceLogin login) {
        String base = topicPrefix + "devices/" + login.deviceId() + (login.moduleId().isEmpty() ? "" : "/modules/" + login.moduleId());
        List<TopicRule> rules = new ArrayList<>();
        rules.add(new TopicRule(TopicRule.Action.PUBLISH, base + "/messages/events/#"));
        for (String request : TwinTopic.REQUESTS) {
            rules.add(new TopicRule(TopicRule.Action.PUBLISH, base + request));
        }
        for (String answer : TwinTopic.ANSWERS) {
            rules.add(new TopicRule(TopicRule.Action.SUBSCRIBE, base + answer));
        }
        if (login.moduleId().isEmpty()) {
            rules.add(new TopicRule(TopicRule.Action.SUBSCRIBE, base + "/messages/devicebound/#"));
        }
        return List.copyOf(rules);
    }

    /** True when the rules allow the action on the topic. */
    public static boolean allows(List<TopicRule> rules, TopicRule.Action action, String topic) {
        return rules.stream().anyMatch(rule -> rule.allows(action, topic));
    }
}
