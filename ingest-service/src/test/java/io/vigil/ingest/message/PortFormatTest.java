package io.vigil.ingest.message;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PortFormatTest {

    @ParameterizedTest
    @ValueSource(strings = {"53248", "53248-53250", "*", "22,53", "0", "65535", "1-65535", "22,80-90,443", "8080-8080"})
    void acceptsTheSchemaExamplesAndTheirCombinations(String port) {
        assertThat(PortFormat.isPortSpec(port)).isTrue();
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"", " ", "65536", "99999", "123456", "-1", "22-", "-22", "90-80", "22,", ",22", "22,,53",
        "22, 53", "22;53", "1024:65535", "*,22", "**", "http", "22a", "+22", "0x16", "!(22)"})
    void rejectsEverythingElse(String port) {
        assertThat(PortFormat.isPortSpec(port)).isFalse();
    }
}
