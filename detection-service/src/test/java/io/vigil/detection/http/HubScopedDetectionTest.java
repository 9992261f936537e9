package io.vigil.detection.http;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vigil.testing.TestDatabase;
import io.vigil.testing.TestHub;
import io.vigil.testing.TestTokens;
import io.vigil.testing.VigilTestResource;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * A token with a {@code hubs} claim sees and changes only its hubs' alerts, suppression rules and security groups;
 * a token without the claim sees every hub.
 */
@QuarkusTest
@QuarkusTestResource(VigilTestResource.class)
class HubScopedDetectionTest {

    private static final String OTHER = TestHub.OTHER_RESOURCE_ID;
    private final String scoped = TestTokens.scopedTo(List.of(TestHub.NAME), "reader", "operator");

    @Test
    void alertsOfOtherHubsAreNeitherListedNorReadNorChanged() {
        String mine = alert(TestHub.RESOURCE_ID, "scope-alert-dev");
        String theirs = alert(OTHER, "scope-alert-dev");

        given().auth().oauth2(scoped).queryParam("deviceId", "scope-alert-dev").get("/alerts").then().statusCode(200)
                .body("value.systemAlertId", equalTo(List.of(mine)));
        given().auth().oauth2(TestTokens.reader()).queryParam("deviceId", "scope-alert-dev").get("/alerts").then().statusCode(200)
                .body("value.size()", equalTo(2));
        given().auth().oauth2(scoped).queryParam("hub", OTHER).get("/alerts").then().statusCode(403)
                .body("error.code", equalTo("hub.forbidden"));

        given().auth().oauth2(scoped).get("/alerts/" + mine).then().statusCode(200);
        given().auth().oauth2(scoped).get("/alerts/" + theirs).then().statusCode(403);
        given().auth().oauth2(scoped).contentType(ContentType.JSON).body(Map.of("status", "Dismissed"))
                .patch("/alerts/" + theirs).then().statusCode(403);
        assertThat(TestDatabase.query("SELECT status FROM detection.alert_state WHERE system_alert_id = ?", theirs).get(0).get("status"))
                .as("a refused change changes nothing").isEqualTo("Active");
    }

    @Test
    void suppressionRulesAndSecurityGroupsOfOtherHubsAreOutOfReach() {
        String everywhere = given().auth().oauth2(TestTokens.operator()).contentType(ContentType.JSON)
                .body(Map.of("alertType", "IoT_ScopeTest", "reason", "all hubs")).post("/suppressions").then().statusCode(201)
                .extract().path("id");
        String theirs = given().auth().oauth2(TestTokens.operator()).contentType(ContentType.JSON)
                .body(Map.of("alertType", "IoT_ScopeTest", "reason", "other hub", "hub", OTHER)).post("/suppressions")
                .then().statusCode(201).extract().path("id");

        given().auth().oauth2(scoped).contentType(ContentType.JSON).body(Map.of("alertType", "IoT_ScopeTest", "reason", "r"))
                .post("/suppressions").then().statusCode(403);
        given().auth().oauth2(scoped).contentType(ContentType.JSON)
                .body(Map.of("alertType", "IoT_ScopeTest", "reason", "r", "hub", OTHER)).post("/suppressions").then().statusCode(403);
        String mine = given().auth().oauth2(scoped).contentType(ContentType.JSON)
                .body(Map.of("alertType", "IoT_ScopeTest", "reason", "mine", "hub", TestHub.RESOURCE_ID)).post("/suppressions")
                .then().statusCode(201).extract().path("id");

        List<String> seen = given().auth().oauth2(scoped).get("/suppressions").then().statusCode(200).extract().path("value.id");
        assertThat(seen).contains(mine, everywhere).doesNotContain(theirs);
        given().auth().oauth2(scoped).delete("/suppressions/" + theirs).then().statusCode(403);
        given().auth().oauth2(scoped).delete("/suppressions/" + everywhere).then().statusCode(403);
        given().auth().oauth2(scoped).delete("/suppressions/" + mine).then().statusCode(204);
        for (String id : List.of(theirs, everywhere)) {
            given().auth().oauth2(TestTokens.operator()).delete("/suppressions/" + id).then().statusCode(204);
        }

        String groups = "/providers/Microsoft.Security/deviceSecurityGroups";
        given().auth().oauth2(scoped).get(TestHub.RESOURCE_ID + groups).then().statusCode(200);
        given().auth().oauth2(scoped).get(OTHER + groups).then().statusCode(403);
        given().auth().oauth2(scoped).contentType(ContentType.JSON).body("{\"allowlistRules\": []}").put(OTHER + groups + "/g1")
                .then().statusCode(403);
        given().auth().oauth2(TestTokens.reader()).get(OTHER + groups).then().statusCode(200);
    }

    private static String alert(String hub, String device) {
        String id = UUID.randomUUID().toString();
        TestDatabase.execute("INSERT INTO detection.alert_state (hub, device_id, alert_type, window_start, system_alert_id, severity,"
                + " start_time, end_time, hit_count) VALUES (?, ?, 'IoT_ScopeTest', now(), ?, 'Low', now(), now(), 1)", hub, device, id);
        return id;
    }
}
