package io.vigil.query.kql.syntax;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** The text of a guid literal: 8-4-4-4-12 hexadecimal digits; kept in lower case. */
public final class GuidText {

    private static final Pattern GUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private GuidText() {
    }

    public static Optional<String> parse(String text) {
        String trimmed = text.trim();
        return GUID.matcher(trimmed).matches() ? Optional.of(trimmed.toLowerCase(Locale.ROOT)) : Optional.empty();
    }
}
