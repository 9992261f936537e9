package io.vigil.query.api;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.vigil.testing.TestTokens;
import io.vigil.testing.VigilTestResource;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

/**
 * Every limit of a KQL call, through HTTP: row limit, statement timeout, query length, and the body limits every
 * service shares (size, JSON depth). Row limit and timeout are lowered so that a small query meets them.
 */
@QuarkusTest
@TestProfile(QueryLimitsTest.SmallLimits.class)
@QuarkusTestResource(VigilTestResource.class)
class QueryLimitsTest {

    public static class SmallLimits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("vigil.query.max-rows", "5", "vigil.query.statement-timeout", "1s");
        }
    }

    private static final String QUERY = "/v1/workspaces/local/query";

    @Test
    void aResultIsCutAtTheRowLimitAndSaysSo() {
        post("{\"query\": \"range x from 1 to 20 step 1\"}").then().statusCode(200)
                .body("tables[0].rows", hasSize(5)).body("error.code", equalTo("kql.truncated"));
    }

    @Test
    void aQueryRunningLongerThanTheStatementTimeoutIsA408() {
        post("{\"query\": \"range x from 1 to 2000000000 step 1 | summarize count()\"}").then().statusCode(408)
                .body("error.code", equalTo("kql.timeout"));
    }

    @Test
    void aQueryLongerThanTheLimitIsRefused() {
        String query = "print x = '" + "a".repeat(16_384) + "'";
        post("{\"query\": \"" + query + "\"}").then().statusCode(400).body("error.code", equalTo("kql.too-long"));
    }

    @Test
    void headersOverTwentyKilobytesAreA431() {
        given().auth().oauth2(TestTokens.reader()).header("x-ms-continuation", "c".repeat(21 * 1024))
                .contentType("application/json").body("{\"query\": \"print x = 1\"}")
                .when().post(QUERY).then().statusCode(431);
    }

    @Test
    void aRequestLineOverFourKilobytesIsA414() {
        given().auth().oauth2(TestTokens.reader()).queryParam("query", "print x = '" + "a".repeat(4100) + "'")
                .when().get(QUERY).then().statusCode(414);
    }

    @Test
    void aBodyOverTheSizeLimitIsA413() {
        String huge = "{\"query\": \"print 1\", \"padding\": \"" + "x".repeat(4 * 1024 * 1024) + "\"}";
        post(huge).then().statusCode(413);
    }

    @Test
    void aBodyNestedDeeperThanTheJsonLimitIsA400() {
        String deep = "{\"query\": \"print 1\", \"extra\": " + "[".repeat(65) + "]".repeat(65) + "}";
        post(deep).then().statusCode(400);
        String allowed = "{\"query\": \"print 1\", \"extra\": " + "[".repeat(60) + "]".repeat(60) + "}";
        post(allowed).then().statusCode(200);
    }

    private static io.restassured.response.Response post(String body) {
        return given().auth().oauth2(TestTokens.reader()).contentType(ContentType.JSON).body(body).when().post(QUERY);
    }
}
