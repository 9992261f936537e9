package io.vigil.ingest.message;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GuidFormatTest {

    @ParameterizedTest
    @ValueSource(strings = {"9c647395-b913-4997-a732-a7fe7303b649", "E89DC5F5-FEAC-4C3E-87E2-93C16F010C25",
        "00000000-0000-0000-0000-000000000000"})
    void acceptsCanonicalGuids(String guid) {
        assertThat(GuidFormat.isGuid(guid)).isTrue();
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"", "9c647395b9134997a732a7fe7303b649", "{9c647395-b913-4997-a732-a7fe7303b649}",
        "9c647395-b913-4997-a732-a7fe7303b64", "9c647395-b913-4997-a732-a7fe7303b6490",
        "9c647395_b913_4997_a732_a7fe7303b649", "9c647395-b913-4997-a732-a7fe7303b64g",
        "9c647395-b9134-997-a732-a7fe7303b649", "------------------------------------"})
    void rejectsEverythingElse(String guid) {
        assertThat(GuidFormat.isGuid(guid)).isFalse();
    }
}
