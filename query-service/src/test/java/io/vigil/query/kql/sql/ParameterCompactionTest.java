package io.vigil.query.kql.sql;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ParameterCompactionTest {

    @Test
    void unusedParametersAreDroppedAndTheRestRenumbered() {
        ParameterCompaction.Result result = ParameterCompaction.compact(
                "SELECT $1::text, $3::bigint, $10::text, $3::bigint", List.of("a", "unused", 3L, "x", "y", "z", "q", "r", "s", "ten"));
        assertThat(result.sql()).isEqualTo("SELECT $1::text, $2::bigint, $3::text, $2::bigint");
        assertThat(result.parameters()).containsExactly("a", 3L, "ten");
    }

    @Test
    void aCompactListIsLeftAlone() {
        ParameterCompaction.Result result = ParameterCompaction.compact("SELECT $1::text, $2::text", List.of("a", "b"));
        assertThat(result.sql()).isEqualTo("SELECT $1::text, $2::text");
        assertThat(result.parameters()).containsExactly("a", "b");
    }
}
