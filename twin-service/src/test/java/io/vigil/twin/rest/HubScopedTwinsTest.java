package io.vigil.twin.rest;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.vigil.testing.TestHub;
import io.vigil.testing.TestTokens;
import io.vigil.testing.VigilTestResource;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

/**
 * A token with a {@code hubs} claim reaches only those hubs: its twin queries return only their twins, and every
 * call that names another hub (registry, twins, queries, audit) is a 403. A token without the claim reaches both.
 */
@QuarkusTest
@TestProfile(HubScopedTwinsTest.TwoHubs.class)
@QuarkusTestResource(VigilTestResource.class)
class HubScopedTwinsTest {

    public static class TwoHubs implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return TestHub.otherHubConfig();
        }
    }

    private static final String QUERY = "{\"query\": \"SELECT deviceId FROM devices WHERE STARTSWITH(deviceId, 'scope-')\"}";

    @Test
    void aHubScopedTokenReachesOnlyItsHubs() {
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body("{}").put("/devices/scope-mine")
                .then().statusCode(200);
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body("{}").queryParam("hub", TestHub.OTHER_RESOURCE_ID)
                .put("/devices/scope-theirs").then().statusCode(200);
        String scoped = TestTokens.scopedTo(List.of(TestHub.NAME), "reader", "operator", "admin");

        given().auth().oauth2(scoped).contentType(ContentType.JSON).body(QUERY).post("/devices/query").then().statusCode(200)
                .body("deviceId", equalTo(List.of("scope-mine")));
        given().auth().oauth2(scoped).contentType(ContentType.JSON).body(QUERY).queryParam("hub", TestHub.OTHER_RESOURCE_ID)
                .post("/devices/query").then().statusCode(403).body("error.code", equalTo("Forbidden"));
        given().auth().oauth2(TestTokens.reader()).contentType(ContentType.JSON).body(QUERY).queryParam("hub", TestHub.OTHER_RESOURCE_ID)
                .post("/devices/query").then().statusCode(200).body("deviceId", equalTo(List.of("scope-theirs")));

        given().auth().oauth2(scoped).get("/twins/scope-mine").then().statusCode(200);
        given().auth().oauth2(scoped).queryParam("hub", TestHub.OTHER_RESOURCE_ID).get("/twins/scope-theirs").then().statusCode(403);
        given().auth().oauth2(scoped).queryParam("hub", TestHub.OTHER_RESOURCE_ID).contentType(ContentType.JSON)
                .body("{\"tags\": {\"a\": 1}}").patch("/twins/scope-theirs").then().statusCode(403);
        given().auth().oauth2(scoped).queryParam("hub", TestHub.OTHER_RESOURCE_ID).get("/devices").then().statusCode(403);
        given().auth().oauth2(scoped).queryParam("hub", TestHub.OTHER_RESOURCE_ID).delete("/devices/scope-theirs").then().statusCode(403);
        given().auth().oauth2(scoped).queryParam("hub", TestHub.OTHER_RESOURCE_ID).get("/audit").then().statusCode(403);
        given().auth().oauth2(TestTokens.reader()).queryParam("hub", TestHub.OTHER_RESOURCE_ID).get("/twins/scope-theirs")
                .then().statusCode(200);

        String otherOnly = TestTokens.scopedTo(List.of(TestHub.OTHER_NAME), "reader");
        given().auth().oauth2(otherOnly).get("/twins/scope-mine").then().statusCode(403);
        given().auth().oauth2(otherOnly).queryParam("hub", TestHub.OTHER_RESOURCE_ID).get("/twins/scope-theirs").then().statusCode(200);
    }
}
