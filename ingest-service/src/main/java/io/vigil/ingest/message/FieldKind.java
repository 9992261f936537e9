package io.vigil.ingest.message;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Iterator;
import java.util.Map;
import java.util.TreeSet;

/**
 * The kinds of value a payload property may hold, each knowing how to check a value and what to report.
 *
 * <p>The kinds follow the v1 schema's type definitions, with the leniencies that real agents need, each noted where
 * it applies.
 */
enum FieldKind {

    STRING {
        @Override
        void check(FieldSpec field, JsonNode value, String path, Problems problems) {
            if (!value.isTextual()) {
                wrongType(field, value, "a string", path, problems);
            }
        }
    },

    INTEGER {
        @Override
        void check(FieldSpec field, JsonNode value, String path, Problems problems) {
            if (!JsonValues.isInteger(value)) {
                wrongType(field, value, "an integer", path, problems);
            }
        }
    },

    BOOLEAN {
        @Override
        void check(FieldSpec field, JsonNode value, String path, Problems problems) {
            if (!value.isBoolean()) {
                wrongType(field, value, "true or false", path, problems);
            }
        }
    },

    /**
     * The schema's {@code userid} is a string ({@code "1034"}, a Windows SID), but the C agent writes Linux uids as
     * JSON integers, so both are accepted.
     */
    USER_ID {
        @Override
        void check(FieldSpec field, JsonNode value, String path, Problems problems) {
            if (!value.isTextual() && !JsonValues.isInteger(value)) {
                wrongType(field, value, "a string or an integer", path, problems);
            }
        }
    },

    /** A string out of {@link FieldSpec#allowedValues()}, spelled exactly (the schema's enums are case-sensitive). */
    ENUM {
        @Override
        void check(FieldSpec field, JsonNode value, String path, Problems problems) {
            if (!value.isTextual()) {
                wrongType(field, value, "a string", path, problems);
            } else if (!field.allowedValues().contains(value.textValue())) {
                problems.add(path, Rejection.ENUM, field.name() + " must be one of "
                        + String.join(", ", new TreeSet<>(field.allowedValues())) + ", not "
                        + JsonValues.quote(value.textValue()) + ".");
            }
        }
    },

    GUID {
        @Override
        void check(FieldSpec field, JsonNode value, String path, Problems problems) {
            if (!value.isTextual()) {
                wrongType(field, value, "a GUID string", path, problems);
            } else if (!GuidFormat.isGuid(value.textValue())) {
                problems.add(path, Rejection.FORMAT_GUID, field.name() + " must be a GUID like"
                        + " 9c647395-b913-4997-a732-a7fe7303b649, not " + JsonValues.quote(value.textValue()) + ".");
            }
        }
    },

    /** The schema's {@code ip}: see {@link IpAddressFormat}. */
    IP_ADDRESS {
        @Override
        void check(FieldSpec field, JsonNode value, String path, Problems problems) {
            if (!value.isTextual()) {
                wrongType(field, value, "an IP address string", path, problems);
            } else if (!IpAddressFormat.isIpAddress(value.textValue())) {
                problems.add(path, Rejection.FORMAT_IP, field.name() + " must be an IPv4 or IPv6 address, not "
                        + JsonValues.quote(value.textValue()) + ".");
            }
        }
    },

    /** The schema's {@code port} on a connection or socket: a string in {@link PortFormat}; a JSON number is wrong. */
    PORT {
        @Override
        void check(FieldSpec field, JsonNode value, String path, Problems problems) {
            if (!value.isTextual()) {
                wrongType(field, value, "a string such as \"443\"", path, problems);
            } else if (!PortFormat.isPortSpec(value.textValue())) {
                problems.add(path, Rejection.FORMAT_PORT, field.name() + " must be a port, a range such as"
                        + " \"1000-2000\", a comma-separated list of those, or \"*\", not "
                        + JsonValues.quote(value.textValue()) + ".");
            }
        }
    },

    /**
     * The schema's {@code port} in a firewall rule: a string, with no further format. Both agents copy rule syntax
     * here ({@code "1024:65535"} from iptables, {@code "!(22)"} for a negated match, {@code ""} when the rule names
     * no port), none of which is in {@link PortFormat}; the schema itself only asks for a string.
     */
    PORT_EXPRESSION {
        @Override
        void check(FieldSpec field, JsonNode value, String path, Problems problems) {
            if (!value.isTextual()) {
                wrongType(field, value, "a string such as \"443\"", path, problems);
            }
        }
    },

    /**
     * The schema's {@code extradetails}: an object whose values are strings. One exception: the C agent writes the
     * {@value #HIT_COUNT} of aggregated events as a JSON integer, so that key may hold an integer too. Other numbers
     * stay wrong (the agent's invalid test samples reject {@code "SomeKey": 39}).
     */
    EXTRA_DETAILS {
        @Override
        void check(FieldSpec field, JsonNode value, String path, Problems problems) {
            if (!value.isObject()) {
                wrongType(field, value, "an object of strings", path, problems);
                return;
            }
            for (Iterator<Map.Entry<String, JsonNode>> entries = value.properties().iterator();
                    entries.hasNext() && !problems.isFull(); ) {
                Map.Entry<String, JsonNode> entry = entries.next();
                JsonNode detail = entry.getValue();
                if (detail.isTextual() || (HIT_COUNT.equals(entry.getKey()) && JsonValues.isInteger(detail))) {
                    continue;
                }
                String expected = HIT_COUNT.equals(entry.getKey()) ? "a string or an integer" : "a string";
                problems.add(JsonPaths.member(path, entry.getKey()), Rejection.TYPE, "ExtraDetails values must be "
                        + expected + "; " + entry.getKey() + " is " + JsonValues.describe(detail) + ".");
            }
        }
    };

    /** The ExtraDetails key in which aggregated events carry how many events they stand for. */
    static final String HIT_COUNT = "HitCount";

    /**
     * Checks one present value; reports problems at {@code path}, the value's own path.
     */
    abstract void check(FieldSpec field, JsonNode value, String path, Problems problems);

    private static void wrongType(FieldSpec field, JsonNode value, String expected, String path, Problems problems) {
        problems.add(path, Rejection.TYPE,
                field.name() + " must be " + expected + ", not " + JsonValues.describe(value) + ".");
    }
}
