package io.vigil.ingest.message;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JsonPathsTest {

    @Test
    void identifiersUseDotNotation() {
        assertThat(JsonPaths.member(JsonPaths.event(2), "RemotePort")).isEqualTo("$.Events[2].RemotePort");
        assertThat(JsonPaths.member("$", "_a1")).isEqualTo("$._a1");
    }

    @Test
    void otherNamesUseQuotedBrackets() {
        assertThat(JsonPaths.member("$.x", "Number of Keys")).isEqualTo("$.x['Number of Keys']");
        assertThat(JsonPaths.member("$.x", "1st")).isEqualTo("$.x['1st']");
        assertThat(JsonPaths.member("$.x", "")).isEqualTo("$.x['']");
        assertThat(JsonPaths.member("$.x", "a'b\\c")).isEqualTo("$.x['a\\'b\\\\c']");
        assertThat(JsonPaths.member("$.x", "a.b")).isEqualTo("$.x['a.b']");
    }

    @Test
    void elementsUseIndexes() {
        assertThat(JsonPaths.element("$.Events[0].Payload", 3)).isEqualTo("$.Events[0].Payload[3]");
    }

    @Test
    void quotedValuesAreShortenedAndEscaped() {
        assertThat(JsonValues.quote("a\"b\n")).isEqualTo("\"a\\\"b\\u000a\"");
        assertThat(JsonValues.quote("x".repeat(100))).isEqualTo('"' + "x".repeat(64) + "\"...");
    }
}
