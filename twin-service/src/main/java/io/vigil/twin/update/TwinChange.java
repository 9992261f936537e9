package io.vigil.twin.update;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigil.twin.http.TwinApiException;

import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * An operator's change of a twin: its tags and desired properties, as {@code PATCH /twins/...} (a JSON merge patch,
 * {@code null} removes) or {@code PUT /twins/...} (replaces both sections). Reported properties belong to the
 * device and identity fields to the registry; a body may carry them back as a GET gave them, and they are left as
 * they are. Desired properties keep IoT Hub's {@code $version} (one more per change) and {@code $metadata}
 * ({@code $lastUpdated} and {@code $lastUpdatedVersion} of every property the change touched).
 */
public final class TwinChange {

    /** Fields of the twin shape that a body may carry but that this change leaves alone. */
    private static final Set<String> LEFT_ALONE = Set.of("deviceId", "moduleId", "etag", "deviceEtag", "version", "status",
            "statusReason", "statusUpdateTime", "connectionState", "lastActivityTime", "cloudToDeviceMessageCount",
            "authenticationType", "x509Thumbprint", "modelId", "capabilities", "managedBy", "deviceScope", "parentScopes");
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    public enum Kind { PATCH, REPLACE }

    private final Kind kind;
    private final JsonNode tags;
    private final JsonNode desired;

    private TwinChange(Kind kind, JsonNode tags, JsonNode desired) {
        this.kind = kind;
        this.tags = tags;
        this.desired = desired;
    }

    /** Reads and checks a request body; nothing is applied yet. */
    public static TwinChange parse(Kind kind, JsonNode body) {
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
        return new TwinChange(kind, tags, desired);
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
            ObjectNode properties = changed.path("properties").isObject() ? (ObjectNode) changed.get("properties") : changed.putObject("properties");
            ObjectNode current = properties.path("desired").isObject() ? (ObjectNode) properties.get("desired") : JSON.objectNode();
            long version = current.path("$version").asLong(0) + 1;
            ObjectNode next = kind == Kind.REPLACE ? JSON.objectNode() : current.deepCopy();
            ObjectNode metadata = kind == Kind.REPLACE || !next.path("$metadata").isObject() ? JSON.objectNode() : (ObjectNode) next.get("$metadata");
            next.remove("$metadata");
            next.remove("$version");
            DesiredMetadata stamp = new DesiredMetadata(now.toString(), version);
            stamp.merge(next, metadata, desired == null ? JSON.objectNode() : desired);
            TwinContentRules.checkSize("properties.desired", next);
            stamp.touch(metadata);
            next.set("$metadata", metadata);
            next.put("$version", version);
            properties.set("desired", next);
        }
        return changed;
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

    /** {@code $metadata} bookkeeping: every property a change sets gets the change's time and desired version. */
    private record DesiredMetadata(String lastUpdated, long version) {

        void merge(ObjectNode target, ObjectNode metadata, JsonNode patch) {
            Iterator<Map.Entry<String, JsonNode>> fields = patch.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                String name = field.getKey();
                JsonNode value = field.getValue();
                if (value.isNull()) {
                    target.remove(name);
                    metadata.remove(name);
                } else if (value.isObject()) {
                    JsonNode existing = target.get(name);
                    ObjectNode child = existing != null && existing.isObject() ? (ObjectNode) existing : target.putObject(name);
                    JsonNode existingMetadata = metadata.get(name);
                    ObjectNode childMetadata = existing != null && existing.isObject() && existingMetadata != null && existingMetadata.isObject()
                            ? (ObjectNode) existingMetadata : metadata.putObject(name);
                    merge(child, childMetadata, value);
                    touch(childMetadata);
                } else {
                    target.set(name, value);
                    touch(metadata.putObject(name));
                }
            }
        }

        void touch(ObjectNode metadata) {
            metadata.put("$lastUpdated", lastUpdated);
            metadata.put("$lastUpdatedVersion", version);
        }
    }
}
