package io.vigil.query.kql;

import io.vigil.query.kql.catalog.WorkspaceCatalog;
import io.vigil.query.kql.support.KqlCaseRunner;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The public API: limits, errors, parameters, the time window, thread safety. */
class KqlCompilerApiTest {

    private final KqlCompiler compiler = KqlCaseRunner.compiler(0);

    @Test
    void defaultLimits() {
        assertThat(KqlLimits.defaults()).isEqualTo(new KqlLimits(16384, 10000));
        assertThatThrownBy(() -> new KqlLimits(0, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new KqlLimits(10, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aQueryLongerThanTheLimitIsRejectedWhereTheLimitIsCrossed() {
        KqlCompiler small = new KqlCompiler(new KqlLimits(30, 10));
        String query = "SecurityAlert\n| where AlertName == 'a very long name'";
        KqlException error = catchThrowableOfType(KqlException.class, () -> small.compile(query, Optional.empty()));
        assertThat(error.code()).isEqualTo("kql.too-long");
        // character 31 (offset 30) is on line 2, column 17
        assertThat(error.line() + ":" + error.column()).isEqualTo("2:17");
        assertThat(small.compile("SecurityAlert | take 1" + " ".repeat(8), Optional.empty())).isNotNull();
    }

    @Test
    void emptyQueries() {
        assertThat(catchThrowableOfType(KqlException.class, () -> compiler.compile(null, Optional.empty())).code())
                .isEqualTo("kql.syntax");
        assertThat(catchThrowableOfType(KqlException.class, () -> compiler.compile("  \n ", Optional.empty())).code())
                .isEqualTo("kql.syntax");
    }

    @Test
    void theRowLimitIsTheLastParameterPlusOne() {
        CompiledKql compiled = KqlCaseRunner.compiler(25).compile("SecurityAlert | take 100", Optional.empty());
        assertThat(compiled.sql()).endsWith("LIMIT $" + compiled.parameters().size() + "::bigint");
        assertThat(compiled.parameters().get(compiled.parameters().size() - 1)).isEqualTo(26L);
        assertThat(compiled.maxRows()).isEqualTo(25);
        assertThat(compiled.isTruncated(25)).isFalse();
        assertThat(compiled.isTruncated(26)).isTrue();
    }

    @Test
    void parametersHaveOnlyTheSupportedJavaTypes() {
        CompiledKql compiled = compiler.compile("""
                let d = dynamic({"a": 1});
                datatable(s:string, n:long, r:real, b:bool, t:datetime, ts:timespan)["x", 1, 2.5, true, datetime(2020-01-01), 1h]
                | extend e = extract_json("$.a", '{"a":1}', typeof(long)), f = d.a, g = ago(1d), h = n in (1, 2), i = int(3)""",
                Optional.of(new TimeWindow(Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2026-02-01T00:00:00Z"))));
        Set<Class<?>> allowed = Set.of(String.class, Long.class, Double.class, Boolean.class, OffsetDateTime.class, String[].class);
        assertThat(compiled.parameters()).allSatisfy(p -> assertThat(allowed).contains(p.getClass()));
        assertThat(compiled.columns()).extracting(ResultColumn::type)
                .containsExactly("string", "long", "real", "bool", "datetime", "timespan", "long", "dynamic", "datetime", "bool", "int");
    }

    @Test
    void everyPlaceholderIsUsedAndNumberedWithoutGaps() {
        // count(x) compiles x only to check it; the compaction drops its parameter
        CompiledKql compiled = compiler.compile("datatable(x:string)['a'] | summarize count(strcat(x, 'unused-literal'))", Optional.empty());
        assertThat(compiled.parameters()).doesNotContain("unused-literal");
        Set<Integer> used = new HashSet<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\$(\\d+)").matcher(compiled.sql());
        while (m.find()) {
            used.add(Integer.parseInt(m.group(1)));
        }
        Set<Integer> expected = new HashSet<>();
        for (int i = 1; i <= compiled.parameters().size(); i++) {
            expected.add(i);
        }
        assertThat(used).isEqualTo(expected);
    }

    @Test
    void nowIsOneParameterReadFromTheClock() {
        Instant now = Instant.parse("2030-05-06T07:08:09Z");
        KqlCompiler fixed = new KqlCompiler(KqlLimits.defaults(), WorkspaceCatalog.builtIn(), Clock.fixed(now, ZoneOffset.UTC));
        CompiledKql compiled = fixed.compile("print now(), ago(1h), now(1d)", Optional.empty());
        assertThat(compiled.parameters()).filteredOn(p -> p instanceof OffsetDateTime)
                .containsExactly(now.atOffset(ZoneOffset.UTC));
    }

    @Test
    void theTimeWindowBindsItsBoundsForEveryTableScanned() {
        Instant from = Instant.parse("2026-02-01T00:00:00Z");
        Instant to = Instant.parse("2026-02-02T00:00:00Z");
        CompiledKql compiled = compiler.compile("union SecurityAlert, SecurityRecommendation | count", Optional.of(new TimeWindow(from, to)));
        assertThat(compiled.parameters()).filteredOn(p -> p instanceof OffsetDateTime)
                .containsExactly(from.atOffset(ZoneOffset.UTC), to.atOffset(ZoneOffset.UTC), from.atOffset(ZoneOffset.UTC), to.atOffset(ZoneOffset.UTC));
        assertThat(compiled.sql()).contains("time_generated >= $", "time_generated < $");
        assertThatThrownBy(() -> new TimeWindow(to, from)).isInstanceOf(IllegalArgumentException.class);
        assertThat(compiler.compile("SecurityAlert", null).sql()).doesNotContain("time_generated >=");
    }

    @Test
    void aHubScopedCompilationBindsTheHubsForEveryTableScanned() {
        List<String> hubs = List.of("/subscriptions/s/resourceGroups/rg/providers/Microsoft.Devices/IotHubs/a");
        CompiledKql compiled = compiler.compile("union SecurityAlert, SecurityRecommendation, SecurityIoTRawEvent | count"
                + " | join kind=inner (SecurityAlert | count) on Count", Optional.empty(), java.util.Map.of(), Optional.of(hubs));
        assertThat(compiled.parameters()).filteredOn(p -> p instanceof String[]).hasSize(4)
                .allSatisfy(p -> assertThat((String[]) p).containsExactlyElementsOf(hubs));
        assertThat(compiled.sql()).contains(".resource_id = ANY($", ".assessed_resource_id = ANY($", ".associated_resource_id = ANY($");
        assertThat(compiled.sql()).doesNotContain("/subscriptions/");
        assertThat(compiler.compile("SecurityAlert", Optional.empty(), java.util.Map.of(), Optional.empty()).sql())
                .as("a token without the claim: no hub filter").doesNotContain("= ANY(");
    }

    @Test
    void compilingIsThreadSafeAndDeterministic() throws Exception {
        String query = "SecurityAlert | where TimeGenerated > ago(7d) | summarize Cnt = dcount(SystemAlertId) by AlertSeverity | top 2 by Cnt";
        CompiledKql reference = compiler.compile(query, Optional.empty());
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<CompiledKql>> results = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                results.add(pool.submit(() -> compiler.compile(query, Optional.empty())));
            }
            for (Future<CompiledKql> result : results) {
                assertThat(result.get()).isEqualTo(reference);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void resultColumnsAreInQueryOrderWithKqlTypeNames() {
        CompiledKql compiled = compiler.compile("SecurityRecommendation | project DeviceId, RecommendationAdditionalData, IsSnapshot, DiscoveredTimeUTC", Optional.empty());
        assertThat(compiled.columns()).containsExactly(new ResultColumn("DeviceId", "string"),
                new ResultColumn("RecommendationAdditionalData", "dynamic"), new ResultColumn("IsSnapshot", "bool"),
                new ResultColumn("DiscoveredTimeUTC", "datetime"));
        assertThat(compiled.sql()).startsWith("WITH ").contains(" AS c1, ", " AS c4 FROM");
    }

    @Test
    void aMisspeltColumnIsNamedWithTheClosestColumnOfTheTable() {
        KqlException typo = catchThrowableOfType(KqlException.class, () -> compiler.compile(
                "SecurityAlert | where PProviderName == \"IoTSecurity\"", Optional.empty()));
        assertThat(typo.code()).isEqualTo("kql.unknown-column");
        assertThat(typo.getMessage()).contains("'PProviderName'").contains("did you mean 'ProviderName'?");
        assertThat(typo.column()).isEqualTo(23);

        KqlException unrelated = catchThrowableOfType(KqlException.class, () -> compiler.compile(
                "SecurityAlert | where Banana == 1", Optional.empty()));
        assertThat(unrelated.getMessage()).doesNotContain("did you mean");
    }
}
