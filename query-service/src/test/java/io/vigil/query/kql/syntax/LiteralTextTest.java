package io.vigil.query.kql.syntax;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class LiteralTextTest {

    @Test
    void datetimeForms() {
        assertThat(DatetimeText.parse("2015-12-31")).contains(Instant.parse("2015-12-31T00:00:00Z"));
        assertThat(DatetimeText.parse("2015-12-31 23:59:59.9")).contains(Instant.parse("2015-12-31T23:59:59.900Z"));
        assertThat(DatetimeText.parse("2014-05-25T08:20:03.1234567Z")).contains(Instant.parse("2014-05-25T08:20:03.123456700Z"));
        assertThat(DatetimeText.parse("2020-01-01T10:00+0130")).contains(Instant.parse("2020-01-01T08:30:00Z"));
        assertThat(DatetimeText.parse("Sat, 8 Nov 2014 15:05:02 GMT")).contains(Instant.parse("2014-11-08T15:05:02Z"));
        assertThat(DatetimeText.parse("2020-02-30")).isEmpty();
        assertThat(DatetimeText.parse("2020-13-01")).isEmpty();
        assertThat(DatetimeText.parse("yesterday")).isEmpty();
        assertThat(DatetimeText.format(Instant.parse("2020-06-15T13:45:30.7654321Z"))).isEqualTo("2020-06-15T13:45:30.7654321Z");
    }

    @Test
    void timespanForms() {
        assertThat(TimespanText.parse("2")).contains(2 * TimespanUnits.TICKS_PER_DAY);
        assertThat(TimespanText.parse("15 seconds")).contains(15 * TimespanUnits.TICKS_PER_SECOND);
        assertThat(TimespanText.parse("0.12:34:56.7")).contains(12 * TimespanUnits.TICKS_PER_HOUR
                + 34 * TimespanUnits.TICKS_PER_MINUTE + 56 * TimespanUnits.TICKS_PER_SECOND + 7_000_000L);
        assertThat(TimespanText.parse("-01:00")).contains(-TimespanUnits.TICKS_PER_HOUR);
        assertThat(TimespanText.parse("1w")).isEmpty();
        assertThat(TimespanText.parse("25:00:00")).isEmpty();
        assertThat(TimespanText.format(TimespanUnits.TICKS_PER_DAY + 2 * TimespanUnits.TICKS_PER_HOUR)).isEqualTo("1.02:00:00");
        assertThat(TimespanText.format(-(TimespanUnits.TICKS_PER_DAY + 2 * TimespanUnits.TICKS_PER_HOUR + 3 * TimespanUnits.TICKS_PER_MINUTE
                + 4 * TimespanUnits.TICKS_PER_SECOND))).isEqualTo("-1.02:03:04");
        assertThat(TimespanText.format(5)).isEqualTo("00:00:00.0000005");
        assertThat(TimespanText.format(Long.MIN_VALUE)).startsWith("-");
    }

    @Test
    void guids() {
        assertThat(GuidText.parse("74BE27DE-1E4E-49D9-B579-FE0B331D3642")).contains("74be27de-1e4e-49d9-b579-fe0b331d3642");
        assertThat(GuidText.parse("74BE27DE")).isEmpty();
    }
}
