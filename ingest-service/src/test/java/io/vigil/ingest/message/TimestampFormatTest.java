package io.vigil.ingest.message;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;

class TimestampFormatTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "2018-08-10T11:01:21.000+01:00 | 2018-08-10T10:01:21Z",
        "2018-08-10T11:01:21.000Z      | 2018-08-10T11:01:21Z",
        "2019-01-27 13:48:52Z          | 2019-01-27T13:48:52Z",
        "2019-01-27t13:48:52z          | 2019-01-27T13:48:52Z",
        "2019-01-27T13:48:52-0530      | 2019-01-27T19:18:52Z",
        "2019-01-27T13:48:52-05:30     | 2019-01-27T19:18:52Z",
        "2019-01-27T13:48:52.5Z        | 2019-01-27T13:48:52.500Z",
        "2019-01-27T13:48:52.123456789Z | 2019-01-27T13:48:52.123456789Z",
        "2019-01-27T13:48:52.1234567891234Z | 2019-01-27T13:48:52.123456789Z",
        "2020-02-29T00:00:00Z          | 2020-02-29T00:00:00Z",
        "2000-02-29T00:00:00Z          | 2000-02-29T00:00:00Z",
        "2016-12-31T23:59:60Z          | 2016-12-31T23:59:59Z",
        "1970-01-01T00:00:00+00:00     | 1970-01-01T00:00:00Z",
        "0001-01-01T00:00:00Z          | 0001-01-01T00:00:00Z",
        "2019-01-27T13:48:52           | 2019-01-27T13:48:52Z",
        "2019-01-27 13:48:52.25        | 2019-01-27T13:48:52.25Z"})
    void acceptsAjvStyleDateTimes(String text, String expected) {
        assertThat(TimestampFormat.parse(text)).isEqualTo(Instant.parse(expected));
        assertThat(TimestampFormat.isValid(text)).isTrue();
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {
        "2019-01-27",                   // date only
        "2019-01-27T13:48Z",            // no seconds
        "2019-01-27T13:48:52+01",       // offset without minutes
        "2019-01-27T13:48:52+1:00",
        "2019-01-27T13:48:52+01:00:00",
        "2019-01-27T13:48:52.Z",        // empty fraction
        "2019-01-27T13:48:52,5Z",       // comma fraction
        "2019-01-27  13:48:52Z",        // two spaces
        "2019-01-27\t13:48:52Z",        // tab
        "2019-01-27_13:48:52Z",
        "19-01-27T13:48:52Z",
        "2019-1-27T13:48:52Z",
        "2019-13-01T00:00:00Z",
        "2019-00-01T00:00:00Z",
        "2019-02-29T00:00:00Z",         // not a leap year
        "1900-02-29T00:00:00Z",
        "2019-04-31T00:00:00Z",
        "2019-01-00T00:00:00Z",
        "2019-01-27T24:00:00Z",
        "2019-01-27T13:60:00Z",
        "2019-01-27T13:59:60Z",         // a leap second only at 23:59
        "2019-01-27T13:48:61Z",
        "2019-01-27T13:48:52+24:00",
        "2019-01-27T13:48:52+01:60",
        "2019-01-27T13:48:52ZZ",
        "2019-01-27T13:48:52Z ",
        " 2019-01-27T13:48:52Z",
        "2019-01-27T13:48:52UTC",
        "+2019-01-27T13:48:52Z",
        "2019-01-27T13:48:52.000 ",
        "１９１９-01-27T13:48:52Z",       // non-ASCII digits
        ""})
    void rejectsEverythingElse(String text) {
        assertThat(TimestampFormat.parse(text)).isNull();
        assertThat(TimestampFormat.isValid(text)).isFalse();
    }
}
