package io.vigil.query.kql.syntax;

import java.math.BigDecimal;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The text forms of a KQL timespan (in ticks of 100 ns): the content of {@code timespan(...)} and what
 * {@code tostring()} prints.
 * <p>
 * Accepted: a bare number (days: {@code timespan(2)}), a number with a unit ({@code 15 seconds}, {@code 1.5h}), and
 * the clock form {@code [-][d.]hh:mm[:ss[.fffffff]]}.
 */
public final class TimespanText {

    private static final Pattern NUMBER_WITH_UNIT = Pattern.compile("([+-]?\\d+(?:\\.\\d+)?)\\s*([A-Za-z]*)");
    private static final Pattern CLOCK = Pattern.compile("(-)?(?:(\\d+)\\.)?(\\d{1,2}):(\\d{2})(?::(\\d{2})(?:\\.(\\d{1,7}))?)?");

    private TimespanText() {
    }

    public static Optional<Long> parse(String text) {
        String trimmed = text.trim();
        try {
            Matcher clock = CLOCK.matcher(trimmed);
            if (clock.matches()) {
                long days = clock.group(2) == null ? 0 : Long.parseLong(clock.group(2));
                int hours = Integer.parseInt(clock.group(3));
                int minutes = Integer.parseInt(clock.group(4));
                int seconds = clock.group(5) == null ? 0 : Integer.parseInt(clock.group(5));
                if (hours > 23 || minutes > 59 || seconds > 59) {
                    return Optional.empty();
                }
                long fraction = clock.group(6) == null ? 0 : Long.parseLong((clock.group(6) + "0000000").substring(0, 7));
                long ticks = Math.addExact(Math.multiplyExact(days, TimespanUnits.TICKS_PER_DAY),
                        hours * TimespanUnits.TICKS_PER_HOUR + minutes * TimespanUnits.TICKS_PER_MINUTE
                                + seconds * TimespanUnits.TICKS_PER_SECOND + fraction);
                return Optional.of(clock.group(1) != null ? -ticks : ticks);
            }
            Matcher number = NUMBER_WITH_UNIT.matcher(trimmed);
            if (number.matches()) {
                String unit = number.group(2).isEmpty() ? "d" : number.group(2);
                if (!TimespanUnits.isUnit(unit)) {
                    return Optional.empty();
                }
                return Optional.of(TimespanUnits.ticks(new BigDecimal(number.group(1)), unit));
            }
        } catch (ArithmeticException | NumberFormatException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    /** {@code 1.02:03:04.5000000}, {@code -00:00:01}, {@code 14.00:00:00}: days only when not zero, fraction only when not zero. */
    public static String format(long ticks) {
        StringBuilder out = new StringBuilder();
        boolean negative = ticks < 0;
        // -Long.MIN_VALUE does not exist; one tick less is close enough for printing.
        long rest = negative ? (ticks == Long.MIN_VALUE ? Long.MAX_VALUE : -ticks) : ticks;
        long days = rest / TimespanUnits.TICKS_PER_DAY;
        rest %= TimespanUnits.TICKS_PER_DAY;
        long hours = rest / TimespanUnits.TICKS_PER_HOUR;
        rest %= TimespanUnits.TICKS_PER_HOUR;
        long minutes = rest / TimespanUnits.TICKS_PER_MINUTE;
        rest %= TimespanUnits.TICKS_PER_MINUTE;
        long seconds = rest / TimespanUnits.TICKS_PER_SECOND;
        long fraction = rest % TimespanUnits.TICKS_PER_SECOND;
        if (negative) {
            out.append('-');
        }
        if (days != 0) {
            out.append(days).append('.');
        }
        out.append(String.format("%02d:%02d:%02d", hours, minutes, seconds));
        if (fraction != 0) {
            out.append(String.format(".%07d", fraction));
        }
        return out.toString();
    }
}
