package io.vigil.ingest.message;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.util.Locale;

/** Small questions about JSON values that the validators ask, and how values are quoted in messages. */
final class JsonValues {

    /** Values quoted in a {@link Rejection#message()} are cut here: the sender controls them, the log does not. */
    private static final int MAX_QUOTED_LENGTH = 64;

    private JsonValues() {
    }

    /**
     * JSON Schema's "integer": any number without a fractional part, so {@code 7.0} counts as JSON Schema and ajv say,
     * whatever number type Jackson chose for it.
     */
    static boolean isInteger(JsonNode value) {
        if (value.isIntegralNumber()) {
            return true;
        }
        if (value.isDouble() || value.isFloat()) {
            double d = value.doubleValue();
            return Double.isFinite(d) && d == Math.rint(d);
        }
        if (value.isBigDecimal()) {
            BigDecimal decimal = value.decimalValue();
            return decimal.signum() == 0 || decimal.stripTrailingZeros().scale() <= 0;
        }
        return false;
    }

    /** "a string", "a number", "an object", ... for messages such as "must be a string, not a number". */
    static String describe(JsonNode value) {
        return switch (value.getNodeType()) {
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case OBJECT -> "an object";
            case ARRAY -> "an array";
            case NULL -> "null";
            default -> "a " + value.getNodeType().name().toLowerCase(Locale.ROOT);
        };
    }

    /** The value in double quotes, shortened and with control characters escaped, for a message. */
    static String quote(String value) {
        boolean cut = value.length() > MAX_QUOTED_LENGTH;
        String shown = cut ? value.substring(0, MAX_QUOTED_LENGTH) : value;
        StringBuilder quoted = new StringBuilder(shown.length() + 8).append('"');
        for (int i = 0; i < shown.length(); i++) {
            char c = shown.charAt(i);
            if (c == '"' || c == '\\') {
                quoted.append('\\').append(c);
            } else if (c < 0x20 || c == 0x7f) {
                quoted.append(String.format("\\u%04x", (int) c));
            } else {
                quoted.append(c);
            }
        }
        quoted.append('"');
        return cut ? quoted.append("...").toString() : quoted.toString();
    }
}
