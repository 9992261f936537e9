package io.vigil.twin.devicechannel;

import io.vigil.contracts.hub.IdentityIds;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A device's request on its own twin topics, IoT Hub's twin topics moved under the device's namespace so that a
 * broker's authorization can keep them private with one rule ({@code devices/<own id>/#}):
 * <ul>
 * <li>{@code devices/{id}[/modules/{moduleId}]/twin/GET/?$rid={rid}}: read the twin;</li>
 * <li>{@code devices/{id}[/modules/{moduleId}]/twin/PATCH/properties/reported/?$rid={rid}}: patch reported properties.</li>
 * </ul>
 * Answers go to {@code .../twin/res/{status}/?$rid={rid}} (with {@code &$version=} after a patch), desired changes
 * to {@code .../twin/PATCH/properties/desired/?$version={version}}.
 *
 * @param base      {@code devices/{id}} or {@code devices/{id}/modules/{moduleId}}, below the hub's prefix
 * @param moduleId  '' for the device's own twin
 */
public record TwinTopic(Operation operation, String deviceId, String moduleId, String base, String requestId) {

    public enum Operation { GET, PATCH_REPORTED }

    /** Request ids are echoed into a topic, so only characters that cannot change the topic's meaning are taken. */
    private static final Pattern REQUEST_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    /** What a device publishes its twin requests to, below its own {@code devices/{id}[/modules/{moduleId}]}. */
    public static final List<String> REQUESTS = List.of("/twin/GET/#", "/twin/PATCH/properties/reported/#");

    /** What a device subscribes to for answers and desired changes, below its own name. */
    public static final List<String> ANSWERS = List.of("/twin/res/#", "/twin/PATCH/properties/desired/#");

    /** The topic filters, below a hub's prefix, on which devices send twin requests. */
    public static final List<String> REQUEST_FILTERS = REQUESTS.stream()
            .flatMap(request -> java.util.stream.Stream.of("devices/+" + request, "devices/+/modules/+" + request)).toList();

    /** Reads a topic below the hub's prefix; empty when it is no twin request this service can answer. */
    public static Optional<TwinTopic> parse(String topic) {
        String[] levels = topic.split("/", -1);
        if (levels.length < 5 || !levels[0].equals("devices") || !IdentityIds.isValid(levels[1])) {
            return Optional.empty();
        }
        String deviceId = levels[1];
        String moduleId = "";
        int at = 2;
        if (levels[2].equals("modules")) {
            if (levels.length < 7 || !IdentityIds.isValid(levels[3])) {
                return Optional.empty();
            }
            moduleId = levels[3];
            at = 4;
        }
        String base = String.join("/", java.util.Arrays.copyOfRange(levels, 0, at));
        if (!levels[at].equals("twin")) {
            return Optional.empty();
        }
        Operation operation;
        int bag;
        if (levels.length == at + 3 && levels[at + 1].equals("GET")) {
            operation = Operation.GET;
            bag = at + 2;
        } else if (levels.length == at + 5 && levels[at + 1].equals("PATCH") && levels[at + 2].equals("properties")
                && levels[at + 3].equals("reported")) {
            operation = Operation.PATCH_REPORTED;
            bag = at + 4;
        } else {
            return Optional.empty();
        }
        String module = moduleId;
        Operation requested = operation;
        return requestId(levels[bag]).map(rid -> new TwinTopic(requested, deviceId, module, base, rid));
    }

    /** Where the answer to this request goes, below the hub's prefix. */
    public String responseTopic(int status, Long version) {
        return base + "/twin/res/" + status + "/?$rid=" + requestId + (version == null ? "" : "&$version=" + version);
    }

    /** Where a twin's desired changes go, below the hub's prefix. */
    public static String desiredTopic(String deviceId, String moduleId, long version) {
        return "devices/" + deviceId + (moduleId.isEmpty() ? "" : "/modules/" + moduleId) + "/twin/PATCH/properties/desired/?$version=" + version;
    }

    private static Optional<String> requestId(String propertyBag) {
        if (!propertyBag.startsWith("?")) {
            return Optional.empty();
        }
        for (String pair : propertyBag.substring(1).split("&")) {
            if (pair.startsWith("$rid=")) {
                String rid = pair.substring("$rid=".length());
                return REQUEST_ID.matcher(rid).matches() ? Optional.of(rid) : Optional.empty();
            }
        }
        return Optional.empty();
    }
}
