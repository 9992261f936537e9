package io.vigil.simulator.agent;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The free-form {@code ExtraDetails} map every payload item may carry. The schema allows string values only
 * (a number is rejected), so this type only takes strings.
 */
final class ExtraDetails {

    private final Map<String, String> values = new LinkedHashMap<>();

    void put(String key, String value) {
        values.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
    }

    void putAll(Map<String, String> more) {
        more.forEach(this::put);
    }

    ExtraDetails copy() {
        ExtraDetails copy = new ExtraDetails();
        copy.values.putAll(values);
        return copy;
    }

    /** Adds {@code "ExtraDetails": {...}} to the item, or nothing when there are none. */
    void writeTo(ObjectNode item) {
        if (values.isEmpty()) {
            return;
        }
        ObjectNode node = item.putObject("ExtraDetails");
        values.forEach(node::put);
    }
}
