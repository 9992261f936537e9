package io.vigil.twin.securitygroups;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.contracts.twins.SecurityGroupNotice;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** Whether a device twin change moved the device to another security group, and the notice that says so. */
public final class SecurityGroupChange {

    private SecurityGroupChange() {
    }

    /** The group a device twin puts its device in: {@code tags.securityGroup} when it is a string, else none. */
    public static Optional<String> groupOf(JsonNode deviceTwin) {
        JsonNode group = deviceTwin.path("tags").path("securityGroup");
        return group.isTextual() ? Optional.of(group.asText()) : Optional.empty();
    }

    /** The notice to publish when {@code before} and {@code after} (the stored result) put the device in different groups. */
    public static Optional<SecurityGroupNotice> between(String hub, String deviceId, JsonNode before, JsonNode after, Instant at) {
        Optional<String> was = groupOf(before);
        Optional<String> is = groupOf(after);
        if (Objects.equals(was, is)) {
            return Optional.empty();
        }
        return Optional.of(new SecurityGroupNotice(SecurityGroupNotice.CURRENT_VERSION, hub, deviceId, is.orElse(null),
                after.path("version").asLong(), at));
    }
}
