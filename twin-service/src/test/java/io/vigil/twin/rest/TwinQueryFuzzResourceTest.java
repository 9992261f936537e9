package io.vigil.twin.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.vigil.testing.TestTokens;
import io.vigil.testing.VigilTestResource;
import io.vigil.testing.fuzz.FuzzRun;
import io.vigil.twin.query.fuzz.TwinFuzzInputs;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code POST /devices/query} from outside: a few hundred fuzzed queries never get a 5xx, every 4xx carries
 * {@code {"error": {"code", "message", "line", "column"}}}, and the service still answers a valid query afterwards.
 */
@QuarkusTest
@QuarkusTestResource(VigilTestResource.class)
class TwinQueryFuzzResourceTest {

    /** Non-ASCII escaped, so lone surrogates and control characters travel as valid JSON. */
    private static final ObjectMapper JSON = JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();

    @Test
    void fuzzedQueriesGetAnAnswerOrAPositionedError() throws JsonProcessingException {
        FuzzRun run = FuzzRun.of("twin-http", 20261208L, 300);
        List<String> queries = TwinFuzzInputs.sample(run.seed(), run.iterations());
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < queries.size(); i++) {
            String query = queries.get(i);
            Response response = given().auth().oauth2(TestTokens.reader()).contentType("application/json")
                    .body(JSON.writeValueAsString(Map.of("query", query))).when().post("/devices/query");
            int status = response.statusCode();
            statuses.add(status);
            if (status >= 500) {
                run.fail(i, query, "answered " + status + ": " + response.asString());
            } else if (status >= 400) {
                Integer line = response.jsonPath().get("error.line");
                Integer column = response.jsonPath().get("error.column");
                if (response.jsonPath().getString("error.code") == null || response.jsonPath().getString("error.message") == null
                        || line == null || column == null || line < 1 || column < 1) {
                    run.fail(i, query, "answered " + status + " without the positioned error body: " + response.asString());
                }
            } else if (status != 200 || response.jsonPath().getList("$") == null) {
                run.fail(i, query, "answered " + status + " without items: " + response.asString());
            }
        }
        assertThat(run.failed()).as(run.report()).isFalse();
        assertThat(statuses).as("some fuzzed queries ran").contains(200).as("some were refused").contains(400);

        given().auth().oauth2(TestTokens.reader()).contentType("application/json")
                .body(Map.of("query", "SELECT COUNT() AS n FROM devices")).when().post("/devices/query")
                .then().statusCode(200);
    }
}
