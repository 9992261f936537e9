package io.vigil.twin.brokerauth;

/**
 * One thing an authenticated device may do on the broker: publish to topics matching, or subscribe within, a topic
 * filter.
 */
public record TopicRule(Action action, String filter) {

    public enum Action { PUBLISH, SUBSCRIBE }

    /** True when this rule allows the action on a topic (publish) or topic filter (subscribe). */
    public boolean allows(Action requested, String topicOrFilter) {
        return requested == action && covers(filter, topicOrFilter);
    }

    /**
     * True when every topic that {@code requested} matches is matched by {@code allowed}: a published topic has no
     * wildcards and is simply matched; a subscription's own wildcards must sit where the allowed filter has them.
     */
    static boolean covers(String allowed, String requested) {
        String[] allowedLevels = allowed.split("/", -1);
        String[] requestedLevels = requested.split("/", -1);
        for (int i = 0; i < allowedLevels.length; i++) {
            String level = allowedLevels[i];
            if (level.equals("#")) {
                return true;
            }
            if (i >= requestedLevels.length) {
                return false;
            }
            String asked = requestedLevels[i];
            if (asked.equals("#")) {
                return false;
            }
            if (level.equals("+")) {
                continue;
            }
            if (asked.equals("+") || !asked.equals(level)) {
                return false;
            }
        }
        return allowedLevels.length == requestedLevels.length;
    }
}
