package io.vigil.detection.customalerts;

import java.time.Instant;

/**
 * Activities a time-window rule counts, of one device at one time: a failed login, created connections, one
 * device-to-cloud message, refused logins.
 *
 * @param at    when it happened (the event's time on the device, the hub's receipt of a message)
 * @param count how many activities it stands for (more than one for the agent's aggregated events)
 */
public record Activity(String hub, String deviceId, TimeWindowRuleType type, Instant at, long count) {
}
