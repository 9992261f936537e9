package io.vigil.query.kql.syntax;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;

/** The timespan unit suffixes of KQL and their length in 100-nanosecond ticks. There is no week unit. */
public final class TimespanUnits {

    public static final long TICKS_PER_MICROSECOND = 10L;
    public static final long TICKS_PER_MILLISECOND = 10_000L;
    public static final long TICKS_PER_SECOND = 10_000_000L;
    public static final long TICKS_PER_MINUTE = 60 * TICKS_PER_SECOND;
    public static final long TICKS_PER_HOUR = 60 * TICKS_PER_MINUTE;
    public static final long TICKS_PER_DAY = 24 * TICKS_PER_HOUR;

    private static final Map<String, BigDecimal> UNITS = Map.ofEntries(
            Map.entry("d", BigDecimal.valueOf(TICKS_PER_DAY)),
            Map.entry("day", BigDecimal.valueOf(TICKS_PER_DAY)),
            Map.entry("days", BigDecimal.valueOf(TICKS_PER_DAY)),
            Map.entry("h", BigDecimal.valueOf(TICKS_PER_HOUR)),
            Map.entry("hr", BigDecimal.valueOf(TICKS_PER_HOUR)),
            Map.entry("hrs", BigDecimal.valueOf(TICKS_PER_HOUR)),
            Map.entry("hour", BigDecimal.valueOf(TICKS_PER_HOUR)),
            Map.entry("hours", BigDecimal.valueOf(TICKS_PER_HOUR)),
            Map.entry("m", BigDecimal.valueOf(TICKS_PER_MINUTE)),
            Map.entry("min", BigDecimal.valueOf(TICKS_PER_MINUTE)),
            Map.entry("minute", BigDecimal.valueOf(TICKS_PER_MINUTE)),
            Map.entry("minutes", BigDecimal.valueOf(TICKS_PER_MINUTE)),
            Map.entry("s", BigDecimal.valueOf(TICKS_PER_SECOND)),
            Map.entry("sec", BigDecimal.valueOf(TICKS_PER_SECOND)),
            Map.entry("second", BigDecimal.valueOf(TICKS_PER_SECOND)),
            Map.entry("seconds", BigDecimal.valueOf(TICKS_PER_SECOND)),
            Map.entry("ms", BigDecimal.valueOf(TICKS_PER_MILLISECOND)),
            Map.entry("milli", BigDecimal.valueOf(TICKS_PER_MILLISECOND)),
            Map.entry("millis", BigDecimal.valueOf(TICKS_PER_MILLISECOND)),
            Map.entry("millisec", BigDecimal.valueOf(TICKS_PER_MILLISECOND)),
            Map.entry("millisecond", BigDecimal.valueOf(TICKS_PER_MILLISECOND)),
            Map.entry("milliseconds", BigDecimal.valueOf(TICKS_PER_MILLISECOND)),
            Map.entry("micro", BigDecimal.valueOf(TICKS_PER_MICROSECOND)),
            Map.entry("micros", BigDecimal.valueOf(TICKS_PER_MICROSECOND)),
            Map.entry("microsec", BigDecimal.valueOf(TICKS_PER_MICROSECOND)),
            Map.entry("microsecond", BigDecimal.valueOf(TICKS_PER_MICROSECOND)),
            Map.entry("microseconds", BigDecimal.valueOf(TICKS_PER_MICROSECOND)),
            Map.entry("nano", new BigDecimal("0.01")),
            Map.entry("nanos", new BigDecimal("0.01")),
            Map.entry("nanosec", new BigDecimal("0.01")),
            Map.entry("nanosecond", new BigDecimal("0.01")),
            Map.entry("nanoseconds", new BigDecimal("0.01")),
            Map.entry("tick", BigDecimal.ONE),
            Map.entry("ticks", BigDecimal.ONE));

    private TimespanUnits() {
    }

    public static boolean isUnit(String word) {
        return UNITS.containsKey(word);
    }

    /**
     * Ticks of {@code amount} units, truncated to whole ticks.
     *
     * @throws ArithmeticException when the result does not fit in a long
     */
    public static long ticks(BigDecimal amount, String unit) {
        BigDecimal perUnit = UNITS.get(unit);
        if (perUnit == null) {
            throw new IllegalArgumentException("not a timespan unit: " + unit);
        }
        return amount.multiply(perUnit).setScale(0, RoundingMode.DOWN).longValueExact();
    }
}
