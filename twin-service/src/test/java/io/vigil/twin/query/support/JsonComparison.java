package io.vigil.twin.query.support;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** JSON equality where numbers compare by value (5 equals 5.0), as JSON itself defines them. */
public final class JsonComparison {

    private static final Comparator<JsonNode> NUMBERS_BY_VALUE = (a, b) -> {
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue());
        }
        return a.equals(b) ? 0 : 1;
    };

    private JsonComparison() {
    }

    public static boolean same(JsonNode a, JsonNode b) {
        return a.equals(NUMBERS_BY_VALUE, b);
    }

    public static boolean sameInOrder(List<JsonNode> actual, List<JsonNode> expected) {
        if (actual.size() != expected.size()) {
            return false;
        }
        for (int i = 0; i < actual.size(); i++) {
            if (!same(actual.get(i), expected.get(i))) {
                return false;
            }
        }
        return true;
    }

    public static boolean sameInAnyOrder(List<JsonNode> actual, List<JsonNode> expected) {
        if (actual.size() != expected.size()) {
            return false;
        }
        List<JsonNode> remaining = new ArrayList<>(expected);
        for (JsonNode item : actual) {
            boolean found = remaining.removeIf(new java.util.function.Predicate<>() {
                private boolean removed;

                @Override
                public boolean test(JsonNode candidate) {
                    if (!removed && same(item, candidate)) {
                        removed = true;
                        return true;
                    }
                    return false;
                }
            });
            if (!found) {
                return false;
            }
        }
        return true;
    }
}
