package io.vigil.ingest.message;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The shape of one payload item of an event type, as its v1 schema file describes it: the allowed properties and their
 * kinds ({@code additionalProperties: false}), the required ones, and optionally a group of which at least one must be
 * present (Login's {@code anyOf} UserId / UserName). Every item may carry ExtraDetails.
 *
 * <p>Table-driven so that one loop validates every event type: the per-type knowledge lives in
 * {@link EventTypeCatalog}, not in code.
 */
final class PayloadItemSpec {

    private final Map<String, FieldSpec> fields;
    private final List<FieldSpec> requiredFields;
    private final List<String> atLeastOneOf;

    private PayloadItemSpec(Map<String, FieldSpec> fields, List<String> atLeastOneOf) {
        this.fields = Map.copyOf(fields);
        // Declaration order, which is the schema's order, so that reports read like the schema.
        List<FieldSpec> required = new ArrayList<>();
        for (FieldSpec field : fields.values()) {
            if (field.required()) {
                required.add(field);
            }
        }
        this.requiredFields = List.copyOf(required);
        this.atLeastOneOf = List.copyOf(atLeastOneOf);
    }

    static Builder builder() {
        return new Builder();
    }

    /** Reports every problem of {@code item}, which sits at {@code itemPath}. */
    void validate(ObjectNode item, String itemPath, Problems problems) {
        for (Iterator<Map.Entry<String, JsonNode>> entries = item.properties().iterator();
                entries.hasNext() && !problems.isFull(); ) {
            Map.Entry<String, JsonNode> entry = entries.next();
            FieldSpec field = fields.get(entry.getKey());
            if (field == null) {
                problems.add(JsonPaths.member(itemPath, entry.getKey()), Rejection.ADDITIONAL_PROPERTY, "Unknown property " + JsonValues.quote(entry.getKey())
                        + "; this event type does not define it.");
            } else {
                field.kind().check(field, entry.getValue(), JsonPaths.member(itemPath, field.name()), problems);
            }
        }
        for (FieldSpec field : requiredFields) {
            if (item.get(field.name()) == null) {
                problems.add(JsonPaths.member(itemPath, field.name()), Rejection.REQUIRED,
                        "Missing required property " + field.name() + ".");
            }
        }
        if (!atLeastOneOf.isEmpty() && !hasAny(item, atLeastOneOf)) {
            problems.add(itemPath, Rejection.REQUIRED,
                    "At least one of " + String.join(", ", atLeastOneOf) + " is required.");
        }
    }

    private static boolean hasAny(ObjectNode item, List<String> names) {
        for (String name : names) {
            if (item.get(name) != null) {
                return true;
            }
        }
        return false;
    }

    /** Collects the fields of one spec; ExtraDetails is added to every spec. */
    static final class Builder {

        private final Map<String, FieldSpec> fields = new LinkedHashMap<>();
        private final List<String> atLeastOneOf = new ArrayList<>();

        private Builder() {
            add(new FieldSpec("ExtraDetails", FieldKind.EXTRA_DETAILS, false, Set.of()));
        }

        Builder required(String name, FieldKind kind) {
            return add(new FieldSpec(name, kind, true, Set.of()));
        }

        Builder optional(String name, FieldKind kind) {
            return add(new FieldSpec(name, kind, false, Set.of()));
        }

        Builder requiredEnum(String name, String... allowed) {
            return add(new FieldSpec(name, FieldKind.ENUM, true, Set.of(allowed)));
        }

        Builder optionalEnum(String name, String... allowed) {
            return add(new FieldSpec(name, FieldKind.ENUM, false, Set.of(allowed)));
        }

        /** At least one of these (declared) optional fields must be present. */
        Builder atLeastOneOf(String... names) {
            for (String name : names) {
                if (!fields.containsKey(name)) {
                    throw new IllegalArgumentException(name + " is not a declared field");
                }
                atLeastOneOf.add(name);
            }
            return this;
        }

        PayloadItemSpec build() {
            return new PayloadItemSpec(fields, atLeastOneOf);
        }

        private Builder add(FieldSpec field) {
            if (fields.putIfAbsent(field.name(), field) != null) {
                throw new IllegalArgumentException(field.name() + " is declared twice");
            }
            return this;
        }
    }
}
