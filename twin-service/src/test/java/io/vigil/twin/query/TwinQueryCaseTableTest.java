package io.vigil.twin.query;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.twin.query.support.CaseTable;
import io.vigil.twin.query.support.Hubs;
import io.vigil.twin.query.support.JsonComparison;
import io.vigil.twin.query.support.PagedResult;
import io.vigil.twin.query.support.QueryCase;
import io.vigil.twin.query.support.QueryRunner;
import io.vigil.twin.query.support.TwinTestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs every case of twin-query/cases.json against a real PostgreSQL holding the twins of twin-query/fixtures.json:
 * compile, execute every page with the Vert.x PG client, compare with the expected items. Each case runs with
 * 100-item pages and again with pages of 1 and 2 items, which must return the same items (TOP and GROUP BY
 * included).
 */
class TwinQueryCaseTableTest {

    private static final int[] SMALL_PAGE_SIZES = {1, 2};

    private static Map<String, Map<String, JsonNode>> fixtures;
    private static QueryRunner runner;

    @BeforeAll
    static void loadFixtures() {
        TwinTestDatabase database = TwinTestDatabase.shared();
        fixtures = CaseTable.fixtures();
        database.deleteHub(Hubs.DECOY);
        for (Map.Entry<String, Map<String, JsonNode>> set : fixtures.entrySet()) {
            String hub = Hubs.of(set.getKey());
            database.deleteHub(hub);
            for (JsonNode twin : set.getValue().values()) {
                String deviceId = twin.get("deviceId").asText();
                String moduleId = CaseTable.moduleIdOf(twin);
                database.insertTwin(hub, deviceId, moduleId, twin.toString());
                // Same key in another hub: the decoy copy must never show up.
                if (!decoyHolds(deviceId, moduleId)) {
                    database.insertTwin(Hubs.DECOY, deviceId, moduleId, twin.toString());
                }
            }
        }
        runner = new QueryRunner(database);
    }

    private static final Set<String> DECOY_KEYS = new HashSet<>();

    private static boolean decoyHolds(String deviceId, String moduleId) {
        return !DECOY_KEYS.add(deviceId + "\u0000" + moduleId);
    }

    @TestFactory
    Stream<DynamicTest> cases() {
        List<QueryCase> cases = CaseTable.cases();
        List<DynamicTest> tests = new ArrayList<>();
        for (int i = 0; i < cases.size(); i++) {
            QueryCase queryCase = cases.get(i);
            tests.add(DynamicTest.dynamicTest(String.format("%03d %s [%s]", i + 1, queryCase.name(),
                    queryCase.source()), () -> run(queryCase)));
        }
        return tests.stream();
    }

    @Test
    void everyCaseNamesAFixtureSetAndAnExpectation() {
        for (QueryCase queryCase : CaseTable.cases()) {
            assertThat(fixtures).as(queryCase.name()).containsKey(queryCase.fixtures());
            assertThat(queryCase.expected().isPresent() ^ queryCase.expectTwins().isPresent())
                    .as("%s: exactly one of expect / expectTwins", queryCase.name()).isTrue();
        }
    }

    private static void run(QueryCase queryCase) {
        TwinQueryCompiler compiler = new TwinQueryCompiler(TwinQueryLimits.defaults(),
                queryCase.exactNames() ? PropertyNameMatching.EXACT : PropertyNameMatching.CASE_INSENSITIVE);
        CompiledTwinQuery compiled = compiler.compile(queryCase.query());
        queryCase.itemType().ifPresent(type -> assertThat(compiled.itemType()).as("item type").isEqualTo(type));
        String hub = Hubs.of(queryCase.fixtures());
        List<JsonNode> expected = expectedItems(queryCase);

        PagedResult result = runner.all(compiled, hub, 100);
        boolean matches = queryCase.anyOrder()
                ? JsonComparison.sameInAnyOrder(result.items(), expected)
                : JsonComparison.sameInOrder(result.items(), expected);
        assertThat(matches)
                .as("query:%n%s%nexpected%s:%n%s%nactual:%n%s", queryCase.query(),
                        queryCase.anyOrder() ? " (any order)" : "", pretty(expected), pretty(result.items()))
                .isTrue();

        for (int pageSize : SMALL_PAGE_SIZES) {
            PagedResult paged = runner.all(compiled, hub, pageSize);
            assertThat(paged.pageSizes()).as("page sizes with pages of %d", pageSize)
                    .allMatch(size -> size <= pageSize);
            assertThat(JsonComparison.sameInOrder(paged.items(), result.items()))
                    .as("pages of %d return the same items as one page:%n%s", pageSize, pretty(paged.items()))
                    .isTrue();
        }
    }

    private static List<JsonNode> expectedItems(QueryCase queryCase) {
        if (queryCase.expected().isPresent()) {
            return queryCase.expected().get();
        }
        Map<String, JsonNode> twins = fixtures.get(queryCase.fixtures());
        List<JsonNode> items = new ArrayList<>();
        for (String key : queryCase.expectTwins().get()) {
            JsonNode twin = twins.get(key);
            assertThat(twin).as("fixture twin %s in set %s", key, queryCase.fixtures()).isNotNull();
            items.add(twin);
        }
        return items;
    }

    private static String pretty(List<JsonNode> items) {
        StringBuilder out = new StringBuilder();
        for (JsonNode item : items) {
            out.append("  ").append(item).append('\n');
        }
        return out.toString();
    }
}
