package io.vigil.query.kql.syntax;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The text forms of a KQL datetime: what {@code datetime(...)} accepts and how {@code tostring()} prints one.
 * <p>
 * Accepted: {@code yyyy-MM-dd}, optionally followed by {@code T} or a space and {@code HH:mm[:ss[.f{1,7}]]}, optionally
 * followed by {@code Z} or an offset {@code ±HH:mm} / {@code ±HHmm}; and RFC 1123 ({@code Sat, 8 Nov 2014 15:05:02 GMT}).
 * A value without an offset is UTC.
 */
public final class DatetimeText {

    /** The same grammar, used by the SQL that converts strings at run time; keep the two in step. */
    public static final Pattern ISO = Pattern.compile(
            "(\\d{4})-(\\d{2})-(\\d{2})(?:[T ](\\d{2}):(\\d{2})(?::(\\d{2})(?:\\.(\\d{1,7}))?)?)?\\s*(Z|z|[+-]\\d{2}:?\\d{2})?");

    private static final DateTimeFormatter PRINT = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSS'Z'");

    private DatetimeText() {
    }

    public static Optional<Instant> parse(String text) {
        String trimmed = text.trim();
        Matcher m = ISO.matcher(trimmed);
        if (m.matches()) {
            try {
                int nanos = 0;
                if (m.group(7) != null) {
                    nanos = Integer.parseInt((m.group(7) + "000000000").substring(0, 9));
                }
                LocalDateTime local = LocalDateTime.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                        Integer.parseInt(m.group(3)), m.group(4) == null ? 0 : Integer.parseInt(m.group(4)),
                        m.group(5) == null ? 0 : Integer.parseInt(m.group(5)),
                        m.group(6) == null ? 0 : Integer.parseInt(m.group(6)), nanos);
                ZoneOffset offset = ZoneOffset.UTC;
                String zone = m.group(8);
                if (zone != null && !zone.equalsIgnoreCase("Z")) {
                    offset = ZoneOffset.of(zone.length() == 5 ? zone.substring(0, 3) + ":" + zone.substring(3) : zone);
                }
                if (local.getYear() < 1) {
                    return Optional.empty();
                }
                return Optional.of(local.toInstant(offset));
            } catch (DateTimeException | NumberFormatException e) {
                return Optional.empty();
            }
        }
        try {
            return Optional.of(ZonedDateTime.parse(trimmed, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** {@code 2020-06-15T13:45:30.7654321Z}: seven fractional digits, UTC. */
    public static String format(Instant instant) {
        return PRINT.format(instant.atOffset(ZoneOffset.UTC));
    }
}
