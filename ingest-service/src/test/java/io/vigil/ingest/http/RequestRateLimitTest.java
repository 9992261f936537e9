package io.vigil.ingest.http;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vigil.testing.TestTokens;
import io.vigil.testing.VigilTestResource;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;

/**
 * The platform's per-client request rate limit, seen from outside a service: past its burst a client gets 429 with
 * Retry-After and the error body, another client goes on, and the probes always answer. The limit is lowered here so
 * that the burst is small and the bucket refills slowly enough not to race the test.
 */
@QuarkusTest
@TestProfile(RequestRateLimitTest.LowLimit.class)
@QuarkusTestResource(VigilTestResource.class)
class RequestRateLimitTest {

    public static class LowLimit implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("vigil.http.rate-limit.requests-per-second", "1", "vigil.http.rate-limit.burst", "3");
        }
    }

    @Test
    void aClientPastItsBurstIsToldToComeBackLaterAndOthersAreNot() {
        String busy = TestTokens.forSubject("rate-busy", "reader", "operator");
        for (int i = 0; i < 3; i++) {
            given().auth().oauth2(busy).when().get("/admin/rejects").then().statusCode(200);
        }
        given().auth().oauth2(busy).when().get("/admin/rejects").then().statusCode(429)
                .header("Retry-After", matchesPattern("[1-9][0-9]*"))
                .contentType("application/json")
                .body("error.code", equalTo("rate-limit.exceeded"));

        String other = TestTokens.forSubject("rate-other", "reader", "operator");
        given().auth().oauth2(other).when().get("/admin/rejects").then().statusCode(200);

        for (int i = 0; i < 10; i++) {
            given().when().get("/q/health/live").then().statusCode(200);
            given().when().get("/q/metrics").then().statusCode(200);
        }
        given().when().get("/q/metrics").then().statusCode(200)
                .body(containsString("vigil_http_rate_limited_total"));
    }

    @Test
    void callersWithoutATokenAreCountedByAddress() {
        int refused = 0;
        for (int i = 0; i < 6; i++) {
            int status = given().when().get("/admin/rejects").then().extract().statusCode();
            if (status == 429) {
                refused++;
            }
        }
        assertThat(refused).as("after the burst, anonymous calls of one address are limited")
                .isGreaterThanOrEqualTo(2);
    }
}
