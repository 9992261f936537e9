package io.vigil.twin.agentconfig;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** The kinds of value an agent setting takes, each with the check the agent itself applies when it reads one. */
enum SettingType {

    /** An ISO 8601 duration such as {@code PT7M} or {@code P1DT12H}: at least one part, a {@code T} only before time parts. */
    DURATION("an ISO 8601 duration such as PT7M") {
        private static final Pattern SHAPE = Pattern.compile(
                "P(?=\\d|T\\d)(\\d+Y)?(\\d+M)?(\\d+W)?(\\d+D)?(T(?=\\d)(\\d+H)?(\\d+M)?(\\d+(\\.\\d+)?S)?)?");

        @Override
        boolean accepts(JsonNode value) {
            return value.isTextual() && SHAPE.matcher(value.asText()).matches();
        }
    },
    /** Off, Low or High, in any case: the C agent reads them case-insensitively. */
    EVENT_PRIORITY("Off, Low or High") {
        @Override
        boolean accepts(JsonNode value) {
            return value.isTextual() && Set.of("off", "low", "high").contains(value.asText().toLowerCase(Locale.ROOT));
        }
    },
    /** The micro agent's collector frequencies. */
    MESSAGE_FREQUENCY("Low, Medium or High") {
        @Override
        boolean accepts(JsonNode value) {
            return value.isTextual() && Set.of("Low", "Medium", "High").contains(value.asText());
        }
    },
    BOOLEAN("true or false") {
        @Override
        boolean accepts(JsonNode value) {
            return value.isBoolean();
        }
    },
    INTEGER("an integer") {
        @Override
        boolean accepts(JsonNode value) {
            return value.isIntegralNumber();
        }
    },
    STRING("a string") {
        @Override
        boolean accepts(JsonNode value) {
            return value.isTextual();
        }
    },
    OPTIONAL_STRING("a string or null") {
        @Override
        boolean accepts(JsonNode value) {
            return value.isTextual() || value.isNull();
        }
    },
    /** {@code CollectorsCore_PriorityIntervals}: minutes of the high, medium and low priority, e.g. {@code 30,120,1440}. */
    PRIORITY_INTERVALS("three whole numbers of minutes, high,medium,low, such as 30,120,1440") {
        private static final Pattern SHAPE = Pattern.compile("[1-9]\\d*,[1-9]\\d*,[1-9]\\d*");

        @Override
        boolean accepts(JsonNode value) {
            return value.isTextual() && SHAPE.matcher(value.asText()).matches();
        }
    };

    private final String expected;

    SettingType(String expected) {
        this.expected = expected;
    }

    abstract boolean accepts(JsonNode value);

    String expected() {
        return expected;
    }
}
