package io.vigil.twin.query.sql;

import com.fasterxml.jackson.core.io.JsonStringEncoder;

import java.util.List;

/** Writes the little JSON the compiler sends as parameters: containment objects and lists of constants. */
final class JsonText {

    private static final JsonStringEncoder ESCAPER = JsonStringEncoder.getInstance();

    private JsonText() {
    }

    /** A JSON string literal. */
    static String string(String value) {
        return '"' + new String(ESCAPER.quoteAsString(value)) + '"';
    }

    /** A scalar given as its bound form: String, Long, Double, Boolean, or null for JSON null. */
    static String scalar(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof String) {
            return string((String) value);
        }
        // Long.toString and Double.toString (finite values only reach here) are valid JSON numbers.
        return value.toString();
    }

    /** {@code {"a": {"b": leaf}}} for keys a, b. */
    static String nested(List<String> keys, String leafJson) {
        String json = leafJson;
        for (int i = keys.size() - 1; i >= 0; i--) {
            json = "{" + string(keys.get(i)) + ": " + json + "}";
        }
        return json;
    }
}
