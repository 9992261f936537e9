package io.vigil.platform.broker;

/** MQTT topic filter matching, with the {@code $share/<group>/} prefix of shared subscriptions removed first. */
public final class TopicFilter {

    private TopicFilter() {
    }

    public static boolean matches(String filter, String topic) {
        String plain = withoutSharePrefix(filter);
        String[] filterLevels = plain.split("/", -1);
        String[] topicLevels = topic.split("/", -1);
        for (int i = 0; i < filterLevels.length; i++) {
            String level = filterLevels[i];
            if (level.equals("#")) {
                return true;
            }
            if (i >= topicLevels.length) {
                return false;
            }
            if (!level.equals("+") && !level.equals(topicLevels[i])) {
                return false;
            }
        }
        return filterLevels.length == topicLevels.length;
    }

    static String withoutSharePrefix(String filter) {
        if (!filter.startsWith("$share/")) {
            return filter;
        }
        int groupEnd = filter.indexOf('/', "$share/".length());
        return groupEnd < 0 ? filter : filter.substring(groupEnd + 1);
    }
}
