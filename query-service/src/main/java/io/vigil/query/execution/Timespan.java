package io.vigil.query.execution;

import io.vigil.query.kql.TimeWindow;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * The API's {@code timespan}, as Log Analytics takes it: an ISO 8601 duration back from now ({@code P7D},
 * {@code PT12H}), or an interval {@code start/end} or {@code start/duration}. It bounds {@code TimeGenerated}.
 */
public final class Timespan {

    private Timespan() {
    }

    /** @throws QueryFailure (400, {@code kql.bad-timespan}) for text that is neither */
    public static Optional<TimeWindow> parse(String text, Instant now) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        String value = text.trim();
        try {
            int slash = value.indexOf('/');
            if (slash < 0) {
                return Optional.of(new TimeWindow(now.minus(duration(value)), now));
            }
            Instant start = instant(value.substring(0, slash));
            String second = value.substring(slash + 1);
            Instant end = second.startsWith("P") ? start.plus(duration(second)) : instant(second);
            if (!end.isAfter(start)) {
                throw new QueryFailure(400, "kql.bad-timespan", "the interval ends before it starts: " + text);
            }
            return Optional.of(new TimeWindow(start, end));
        } catch (DateTimeParseException | ArithmeticException e) {
            throw new QueryFailure(400, "kql.bad-timespan", "timespan must be an ISO 8601 duration (P7D) or interval (start/end): " + text);
        }
    }

    /** P1Y2M3DT4H5M: the date part counts a month as 30 days and a year as 365, as fixed lengths must. */
    private static Duration duration(String text) {
        int t = text.indexOf('T');
        String datePart = t < 0 ? text : text.substring(0, t);
        Duration days = Duration.ZERO;
        if (!datePart.equals("P")) {
            Period period = Period.parse(datePart);
            days = Duration.ofDays(period.getDays() + period.getMonths() * 30L + period.getYears() * 365L);
        }
        Duration time = t < 0 ? Duration.ZERO : Duration.parse("P" + text.substring(t));
        return days.plus(time);
    }

    private static Instant instant(String text) {
        return OffsetDateTime.parse(text.trim()).toInstant();
    }
}
