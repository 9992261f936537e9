package io.vigil.ingest.message;

import java.time.Instant;
import java.time.LocalDate;

/**
 * The date-time format of {@code TimestampLocal} and {@code TimestampUTC}.
 *
 * <p>Accepts what the agent project's own validator (ajv, "fast" date-time) accepts, because the agents' test corpus
 * relies on it: {@code yyyy-MM-dd}, then {@code T} or a single space, then {@code HH:mm:ss}, an optional fraction of
 * any length, and a zone that is {@code Z} or {@code ±hh:mm} / {@code ±hhmm}; letters in either case. Examples:
 * {@code 2018-08-10T11:01:21.000+01:00}, {@code 2019-01-27 13:48:52Z}. Unlike ajv, a value without a zone is accepted
 * and read as UTC: the C# agent writes both timestamps that way ({@code 2008-04-10T06:30:00}), and the field that
 * gives the instant is the one named UTC. Unlike ajv's regex this also rejects dates that
 * do not exist (month 13, February 30, hour 24), since we have to turn the value into an {@link Instant}. A leap second
 * {@code 23:59:60} is accepted and read as {@code 23:59:59}, because {@link Instant} has no leap seconds.
 *
 * <p>Parsed by hand: it runs twice per event, and a regex plus {@code DateTimeFormatter} would cost several times as
 * much.
 */
final class TimestampFormat {

    private static final int SHORTEST = "2000-01-01T00:00:00".length();
    private static final int SECONDS_PER_DAY = 86_400;

    private TimestampFormat() {
    }

    /** Whether {@code value} is an accepted date-time. */
    static boolean isValid(String value) {
        return parse(value) != null;
    }

    /** The instant {@code value} names, or {@code null} if it is not an accepted date-time. */
    static Instant parse(String value) {
        int length = value.length();
        if (length < SHORTEST
                || value.charAt(4) != '-' || value.charAt(7) != '-' || !isDateTimeSeparator(value.charAt(10))
                || value.charAt(13) != ':' || value.charAt(16) != ':') {
            return null;
        }
        int year = digits(value, 0, 4);
        int month = digits(value, 5, 2);
        int day = digits(value, 8, 2);
        int hour = digits(value, 11, 2);
        int minute = digits(value, 14, 2);
        int second = digits(value, 17, 2);
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > lengthOfMonth(year, month)
                || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0) {
            return null;
        }
        if (second == 60) {
            if (hour != 23 || minute != 59) {
                return null;
            }
            second = 59;
        } else if (second > 59) {
            return null;
        }

        int position = 19;
        int nanos = 0;
        if (position < length && value.charAt(position) == '.') {
            position++;
            int fractionStart = position;
            while (position < length && isDigit(value.charAt(position))) {
                int digitIndex = position - fractionStart;
                if (digitIndex < 9) {
                    nanos = nanos * 10 + (value.charAt(position) - '0');
                }
                position++;
            }
            int fractionDigits = position - fractionStart;
            if (fractionDigits == 0) {
                return null;
            }
            for (int i = fractionDigits; i < 9; i++) {
                nanos *= 10;
            }
        }

        int offsetSeconds = zoneOffsetSeconds(value, position);
        if (offsetSeconds == Integer.MIN_VALUE) {
            return null;
        }
        long epochSecond = LocalDate.of(year, month, day).toEpochDay() * SECONDS_PER_DAY
                + hour * 3600L + minute * 60L + second - offsetSeconds;
        return Instant.ofEpochSecond(epochSecond, nanos);
    }

    /** The zone offset starting at {@code position} and running to the end, or {@link Integer#MIN_VALUE}. */
    private static int zoneOffsetSeconds(String value, int position) {
        int remaining = value.length() - position;
        if (remaining == 0) {
            return 0;
        }
        char first = value.charAt(position);
        if (first == 'Z' || first == 'z') {
            return remaining == 1 ? 0 : Integer.MIN_VALUE;
        }
        if (first != '+' && first != '-') {
            return Integer.MIN_VALUE;
        }
        int hours;
        int minutes;
        if (remaining == 6 && value.charAt(position + 3) == ':') {
            hours = digits(value, position + 1, 2);
            minutes = digits(value, position + 4, 2);
        } else if (remaining == 5) {
            hours = digits(value, position + 1, 2);
            minutes = digits(value, position + 3, 2);
        } else {
            return Integer.MIN_VALUE;
        }
        if (hours < 0 || hours > 23 || minutes < 0 || minutes > 59) {
            return Integer.MIN_VALUE;
        }
        int seconds = hours * 3600 + minutes * 60;
        return first == '-' ? -seconds : seconds;
    }

    private static boolean isDateTimeSeparator(char c) {
        return c == 'T' || c == 't' || c == ' ';
    }

    /** The decimal number in {@code value[start, start + count)}, or -1 if a character there is not a digit. */
    private static int digits(String value, int start, int count) {
        int result = 0;
        for (int i = start; i < start + count; i++) {
            char c = value.charAt(i);
            if (!isDigit(c)) {
                return -1;
            }
            result = result * 10 + (c - '0');
        }
        return result;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static int lengthOfMonth(int year, int month) {
        return switch (month) {
            case 2 -> isLeapYear(year) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }

    private static boolean isLeapYear(int year) {
        return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    }
}
