package io.vigil.query.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.vigil.query.kql.fuzz.KqlFuzzInputs;
import io.vigil.testing.TestTokens;
import io.vigil.testing.VigilTestResource;
import io.vigil.testing.fuzz.FuzzRun;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The query API from outside: a few hundred fuzzed queries never get a 5xx, every 4xx carries the error body
 * ({@code {"error": {"code", "message", "line", "column"}}}; a failure on the data or a timeout has no position in the
 * query, so no line and column), and the service still answers a valid query afterwards.
 */
@QuarkusTest
@QuarkusTestResource(VigilTestResource.class)
class LogAnalyticsFuzzResourceTest {

    /** Errors of a run rather than of the query text: they have no position. */
    private static final Set<String> UNPOSITIONED = Set.of("kql.data", "kql.timeout");
    /** Non-ASCII escaped, so lone surrogates and control characters travel as valid JSON. */
    private static final ObjectMapper JSON = JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();

    @Test
    void fuzzedQueriesGetAnAnswerOrAPositionedError() throws JsonProcessingException {
        FuzzRun run = FuzzRun.of("kql-http", 20261207L, 200);
        List<String> queries = KqlFuzzInputs.sample(run.seed(), run.iterations());
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < queries.size(); i++) {
            String query = queries.get(i);
            Response response = given().auth().oauth2(TestTokens.reader()).contentType("application/json")
                    .body(JSON.writeValueAsString(Map.of("query", query, "timespan", "P7D")))
                    .when().post("/v1/workspaces/fuzz/query");
            int status = response.statusCode();
            statuses.add(status);
            if (status >= 500) {
                run.fail(i, query, "answered " + status + ": " + response.asString());
            } else if (status >= 400) {
                String problem = errorBodyProblem(response);
                if (problem != null) {
                    run.fail(i, query, "answered " + status + " " + problem + ": " + response.asString());
                }
            } else if (status != 200 || response.jsonPath().getList("tables") == null) {
                run.fail(i, query, "answered " + status + " without tables: " + response.asString());
            }
        }
        assertThat(run.failed()).as(run.report()).isFalse();
        assertThat(statuses).as("some fuzzed queries ran").contains(200).as("some were refused").contains(400);

        given().auth().oauth2(TestTokens.reader()).contentType("application/json")
                .body(Map.of("query", "SecurityAlert | summarize n = count()")).when().post("/v1/workspaces/fuzz/query")
                .then().statusCode(200);
    }

    private static String errorBodyProblem(Response response) {
        String code = response.jsonPath().getString("error.code");
        if (code == null || response.jsonPath().getString("error.message") == null) {
            return "without error.code and error.message";
        }
        if (UNPOSITIONED.contains(code)) {
            return null;
        }
        Integer line = response.jsonPath().get("error.line");
        Integer column = response.jsonPath().get("error.column");
        return line != null && column != null && line >= 1 && column >= 1 ? null : "without error.line and error.column";
    }
}
