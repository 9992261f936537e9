package io.vigil.query.kql.syntax;

import com.fasterxml.jackson.core.io.JsonStringEncoder;

/** Writes JSON strings for dynamic literals, escaping them with Jackson's encoder. */
public final class JsonText {

    private static final JsonStringEncoder ESCAPER = JsonStringEncoder.getInstance();

    private JsonText() {
    }

    public static void appendString(StringBuilder out, String value) {
        out.append('"').append(ESCAPER.quoteAsString(value)).append('"');
    }

    public static String quote(String value) {
        StringBuilder out = new StringBuilder();
        appendString(out, value);
        return out.toString();
    }
}
