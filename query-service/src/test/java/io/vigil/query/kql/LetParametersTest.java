package io.vigil.query.kql;

import io.vigil.query.kql.support.KqlCaseRunner;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Saved-query parameters: leading literal lets, replaced by bound values of the same type. */
class LetParametersTest {

    private static final String QUERY = """
            let device = "YOUR_DEVICE_ID";
            let lookback = 7d;
            let most = 3;
            let since = datetime(2026-01-01);
            let f = (x:long) { x + 1 };
            let computed = strcat("a", "b");
            SecurityAlert | where TimeGenerated > ago(lookback) and ExtendedProperties contains device | take most
            """;

    private final KqlCompiler compiler = KqlCaseRunner.compiler(0);

    @Test
    void theParametersAreTheLeadingLiteralLetsWithTheirTypeAndDefault() {
        assertThat(compiler.parameters(QUERY)).containsExactly(
                new QueryParameter("device", "string", "\"YOUR_DEVICE_ID\""),
                new QueryParameter("lookback", "timespan", "7d"),
                new QueryParameter("most", "long", "3"),
                new QueryParameter("since", "datetime", "datetime(2026-01-01)"));
    }

    @Test
    void aDefaultStringMayHoldTheStatementSeparator() {
        assertThat(compiler.parameters("let groups = \"pi;sudo\"; SecurityAlert | where Description contains groups"))
                .containsExactly(new QueryParameter("groups", "string", "\"pi;sudo\""));
    }

    @Test
    void suppliedValuesAreBoundNeverWrittenIntoTheSql() {
        CompiledKql compiled = compiler.compile(QUERY, Optional.empty(),
                Map.of("device", "dev-'; DROP TABLE x; --", "lookback", "P1D", "most", "5"));
        assertThat(compiled.sql()).doesNotContain("DROP").doesNotContain("dev-");
        assertThat(compiled.parameters()).contains("dev-'; DROP TABLE x; --", 5L);
        CompiledKql defaults = compiler.compile(QUERY, Optional.empty());
        assertThat(defaults.parameters()).contains("YOUR_DEVICE_ID", 3L);
    }

    @Test
    void aTimespanTakesKqlAndIsoForms() {
        CompiledKql kql = compiler.compile(QUERY, Optional.empty(), Map.of("lookback", "36h"));
        CompiledKql iso = compiler.compile(QUERY, Optional.empty(), Map.of("lookback", "PT36H"));
        assertThat(kql.parameters()).isEqualTo(iso.parameters());
    }

    @Test
    void wrongTypesAndUnknownNamesAreParameterErrors() {
        assertThat(error(Map.of("most", "many")).getMessage()).contains("'most' must be a long");
        assertThat(error(Map.of("lookback", "a week")).getMessage()).contains("'lookback' must be a timespan");
        assertThat(error(Map.of("since", "yesterday")).getMessage()).contains("'since' must be a datetime");
        KqlException unknown = error(Map.of("hub", "x"));
        assertThat(unknown.getMessage()).contains("unknown parameter 'hub'").contains("[device, lookback, most, since]");
        assertThat(error(Map.of("computed", "x")).getMessage()).contains("unknown parameter 'computed'");
    }

    private KqlException error(Map<String, String> values) {
        KqlException e = catchThrowableOfType(KqlException.class, () -> compiler.compile(QUERY, Optional.empty(), values));
        assertThat(e.code()).isEqualTo(KqlErrorCodes.PARAMETER);
        return e;
    }
}
