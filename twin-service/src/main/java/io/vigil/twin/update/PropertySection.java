package io.vigil.twin.update;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.Iterator;
import java.util.Map;

/**
 * A desired or reported properties section with IoT Hub's bookkeeping: {@code $version} moves by one per change and
 * {@code $metadata} holds the {@code $lastUpdated} time and {@code $lastUpdatedVersion} of every property the change
 * touched, objects included; properties the change did not touch keep theirs.
 */
final class PropertySection {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private PropertySection() {
    }

    /**
     * The section after a merge patch ({@code null} removes) or, with {@code replace}, after replacing its properties;
     * the given section is not modified.
     */
    static ObjectNode change(JsonNode section, boolean replace, JsonNode patch, String name, Instant now) {
        ObjectNode current = section.isObject() ? (ObjectNode) section : JSON.objectNode();
        long version = current.path("$version").asLong(0) + 1;
        ObjectNode next = replace ? JSON.objectNode() : current.deepCopy();
        ObjectNode metadata = replace || !next.path("$metadata").isObject() ? JSON.objectNode() : (ObjectNode) next.get("$metadata");
        next.remove("$metadata");
        next.remove("$version");
        Stamp stamp = new Stamp(now.toString(), version);
        stamp.merge(next, metadata, patch);
        TwinContentRules.checkSize(name, next);
        stamp.touch(metadata);
        next.set("$metadata", metadata);
        next.put("$version", version);
        return next;
    }

    /** The time and version a change writes into {@code $metadata}. */
    private record Stamp(String lastUpdated, long version) {

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
                    boolean wasObject = existing != null && existing.isObject();
                    ObjectNode child = wasObject ? (ObjectNode) existing : target.putObject(name);
                    JsonNode existingMetadata = metadata.get(name);
                    ObjectNode childMetadata = wasObject && existingMetadata != null && existingMetadata.isObject()
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
