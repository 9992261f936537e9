package io.vigil.twin.update;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.twin.http.TwinApiException;

import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;

/**
 * IoT Hub's rules for what tags and desired properties may hold, so a twin Vigil accepts is one IoT Hub would
 * accept: names without {@code $}, {@code .}, spaces or control characters and at most 1 KiB, string values at most
 * 4 KiB, objects at most 10 levels deep, each section at most 32 KiB as compact JSON.
 */
final class TwinContentRules {

    static final int MAX_SECTION_BYTES = 32 * 1024;
    static final int MAX_DEPTH = 10;
    static final int MAX_NAME_BYTES = 1024;
    static final int MAX_STRING_BYTES = 4 * 1024;

    private TwinContentRules() {
    }

    /** Checks a patch or replacement of one section before it is applied ({@code null} values remove). */
    static void checkChange(String section, JsonNode change) {
        if (!change.isObject()) {
            throw TwinApiException.invalid(section + " must be a JSON object");
        }
        check(section, change, 1);
    }

    /** Checks a section as it would be stored. */
    static void checkSize(String section, JsonNode content) {
        int bytes = content.toString().getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_SECTION_BYTES) {
            throw TwinApiException.invalid(section + " would be " + bytes + " bytes, more than the " + MAX_SECTION_BYTES + " a twin section may hold");
        }
    }

    private static void check(String path, JsonNode node, int depth) {
        if (depth > MAX_DEPTH) {
            throw TwinApiException.invalid(path + " nests objects deeper than " + MAX_DEPTH + " levels");
        }
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String name = field.getKey();
            String where = path + "." + name;
            checkName(path, name);
            JsonNode value = field.getValue();
            if (value.isObject()) {
                check(where, value, depth + 1);
            } else if (value.isTextual() && value.asText().getBytes(StandardCharsets.UTF_8).length > MAX_STRING_BYTES) {
                throw TwinApiException.invalid(where + " is longer than the " + MAX_STRING_BYTES + " bytes a string value may be");
            } else if (value.isArray()) {
                checkArray(where, value, depth);
            }
        }
    }

    private static void checkArray(String path, JsonNode array, int depth) {
        for (JsonNode element : array) {
            if (element.isObject()) {
                check(path + "[]", element, depth + 1);
            } else if (element.isArray()) {
                checkArray(path + "[]", element, depth + 1);
            }
        }
    }

    private static void checkName(String path, String name) {
        if (name.isEmpty() || name.getBytes(StandardCharsets.UTF_8).length > MAX_NAME_BYTES) {
            throw TwinApiException.invalid("a property name under " + path + " must be 1 to " + MAX_NAME_BYTES + " bytes");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '$' || c == '.' || c == ' ' || Character.isISOControl(c)) {
                throw TwinApiException.invalid("property name '" + name + "' under " + path
                        + " holds '" + (Character.isISOControl(c) ? "\\u%04x".formatted((int) c) : String.valueOf(c))
                        + "'; names may not hold $, '.', spaces or control characters");
            }
        }
    }
}
