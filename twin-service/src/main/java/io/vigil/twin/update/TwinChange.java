package io.vigil.twin.update;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigil.twin.http.TwinApiException;

import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A change of a twin's properties. Operators change tags and desired properties, as {@code PATCH /twins/...} (a JSON
 * merge patch, {@code null} removes) or {@code PUT /twins/...} (replaces both sections); devices patch their reported
 * properties over their twin topic. Reported properties belong to the device and identity fields to the registry:
 * an operator's body may carry them back as a GET gave them, and they are left as they are. Both properties
 * sections keep IoT Hub's {@code $version} and {@code $metadata} ({@link PropertySection}).
 */
public final class TwinChange {

    /** Fields of the twin shape that a body may carry but that this change leaves alone. */
    private static final Set<String> LEFT_ALONE = Set.of("deviceId", "moduleId", "etag", "deviceEtag", "version", "status",
            "statusReason", "statusUpdateTime", "connectionState", "lastActivityTime", "cloudToDeviceMessageCount",
            "authenticationType", "x509Thumbprint", "modelId", "capabilities", "managedBy", "deviceScope", "parentScopes");
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    /** An operator's merge patch, an operator's replacement, or a device's patch of its reported properties. */
    public enum Kind { PATCH, REPLACE, DEVICE_REPORT }

    private final Kind kind;
    private final JsonNode tags;
    private final JsonNode desired;
    private final JsonNode reported;

    private TwinChange(Kind kind, JsonNode tags, JsonNode desired, JsonNode reported) {
        this.kind = kind;
        this.tags = tags;
        this.desired = desired;
        this.reported = reported;
    }

    /** A device's patch of its reported properties (the body of its twin PATCH topic), checked like any other. */
    public static TwinChange deviceReport(JsonNode patch) {
        JsonNode reported = section(patch, "properties.reported");
        if (reported == null) {
            throw TwinApiException.invalid("properties.reported must be a JSON object");
        }
        return new TwinChange(Kind.DEVICE_REPORT, null, null, reported);
    }

    /** Reads and checks an operator's request body ({@link Kind#PATCH} or {@link Kind#REPLACE}); nothing is applied yet. */
    public static TwinChange parse(Kind kind, JsonNode body) {
        if (kind == Kind.DEVICE_REPORT) {
            throw new IllegalArgumentException("a device report is read by deviceReport");
        }
        if (body == null || !body.isObject()) {
            throw TwinApiException.invalid("the body must be a twin: {\"tags\": {...}, \"properties\": {\"desired\": {...}}}");
        }
        Iterator<String> names = body.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!name.equals("tags") && !name.equals("properties") && !LEFT_ALONE.contains(name)) {
                throw TwinApiException.invalid("a twin has no field " + name);
            }
        }
        JsonNode tags = section(body.get("tags"), "tags");
        JsonNode desired = null;
        JsonNode properties = body.get("properties");
        if (properties != null && !properties.isNull()) {
            if (!properties.isObject()) {
                throw TwinApiException.invalid("properties must be an object");
            }
            Iterator<String> sides = properties.fieldNames();
            while (sides.hasNext()) {
                String side = sides.next();
                if (side.equals("reported")) {
                    if (kind == Kind.PATCH) {
                        throw TwinApiException.invalid("properties.reported are written by the device, not through the service API");
                    }
                } else if (!side.equals("desired")) {
                    throw TwinApiException.invalid("properties has no section " + side);
                }
            }
            desired = section(properties.get("desired"), "properties.desired");
        }
        return new TwinChange(kind, tags, desired, null);
    }

    private static JsonNode section(JsonNode value, String name) {
        if (value == null || value.isNull()) {
            return null;
        }
        ObjectNode content = value.isObject() ? ((ObjectNode) value).deepCopy() : null;
        if (content == null) {
            throw TwinApiException.invalid(name + " must be a JSON object");
        }
        // $version and $metadata of a body that came from a GET are the service's to keep, not the caller's.
        content.remove("$version");
        content.remove("$metadata");
        TwinContentRules.checkChange(name, content);
        return content;
    }

    /** True when the change writes desired properties (and so needs the agent configuration checked). */
    public boolean changesDesired() {
        return desired != null || kind == Kind.REPLACE;
    }

    /**
     * What the device is told after this change committed, as IoT Hub tells it: the desired patch (the whole
     * desired section after a replacement) with the new {@code $version}; empty when desired did not change.
     */
    public Optional<ObjectNode> desiredNotification(JsonNode changedTwin) {
        if (!changesDesired()) {
            return Optional.empty();
        }
        JsonNode now = changedTwin.path("properties").path("desired");
        ObjectNode notification = kind == Kind.REPLACE || desired == null ? now.deepCopy() : ((ObjectNode) desired).deepCopy();
        notification.remove("$metadata");
        notification.put("$version", now.path("$version").asLong());
        return Optional.of(notification);
    }

    /** The twin after the change, as a new document; the caller's twin is not modified. */
    public ObjectNode applyTo(ObjectNode twin, Instant now) {
        ObjectNode changed = twin.deepCopy();
        if (tags != null || kind == Kind.REPLACE) {
            ObjectNode current = changed.path("tags").isObject() ? (ObjectNode) changed.get("tags") : JSON.objectNode();
            ObjectNode next = kind == Kind.REPLACE ? withoutNulls(tags == null ? JSON.objectNode() : (ObjectNode) tags) : merged(current, tags);
            TwinContentRules.checkSize("tags", next);
            changed.set("tags", next);
        }
        if (changesDesired()) {
            properties(changed).set("desired", PropertySection.change(properties(changed).path("desired"), kind == Kind.REPLACE,
                    desired == null ? JSON.objectNode() : desired, "properties.desired", now));
        }
        if (reported != null) {
            properties(changed).set("reported", PropertySection.change(properties(changed).path("reported"), false, reported,
                    "properties.reported", now));
        }
        return changed;
    }

    private static ObjectNode properties(ObjectNode twin) {
        return twin.path("properties").isObject() ? (ObjectNode) twin.get("properties") : twin.putObject("properties");
    }

    private static ObjectNode merged(ObjectNode target, JsonNode patch) {
        ObjectNode result = target.deepCopy();
        Iterator<Map.Entry<String, JsonNode>> fields = patch.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode value = field.getValue();
            if (value.isNull()) {
                result.remove(field.getKey());
            } else if (value.isObject()) {
                JsonNode existing = result.get(field.getKey());
                result.set(field.getKey(), merged(existing != null && existing.isObject() ? (ObjectNode) existing : JSON.objectNode(), value));
            } else {
                result.set(field.getKey(), value);
            }
        }
        return result;
    }

    private static ObjectNode withoutNulls(ObjectNode replacement) {
        return merged(JSON.objectNode(), replacement);
    }
}
