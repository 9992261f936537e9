package io.vigil.ingest.rejects;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vigil.testing.TestDatabase;
import io.vigil.testing.TestHub;
import io.vigil.testing.TestTokens;
import io.vigil.testing.VigilTestResource;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;

/** A token with a {@code hubs} claim sees and replays only its hubs' rejects; a token without one sees all. */
@QuarkusTest
@TestProfile(HubScopedRejectsTest.TwoHubs.class)
@QuarkusTestResource(VigilTestResource.class)
class HubScopedRejectsTest {

    public static class TwoHubs implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return TestHub.otherHubConfig();
        }
    }

    @Test
    void aHubScopedTokenSeesOnlyItsHubsRejects() {
        long mine = insert(TestHub.RESOURCE_ID, "scope-mine");
        long theirs = insert(TestHub.OTHER_RESOURCE_ID, "scope-theirs");
        String scoped = TestTokens.scopedTo(List.of(TestHub.NAME), "reader", "operator", "admin");

        given().auth().oauth2(scoped).queryParam("rule", "scope-test").get("/admin/rejects").then().statusCode(200)
                .body("value.deviceId", equalTo(List.of("scope-mine")));
        given().auth().oauth2(TestTokens.operator()).queryParam("rule", "scope-test").get("/admin/rejects").then().statusCode(200)
                .body("value.deviceId", containsInAnyOrder("scope-mine", "scope-theirs"));

        given().auth().oauth2(scoped).get("/admin/rejects/" + mine).then().statusCode(200);
        given().auth().oauth2(scoped).get("/admin/rejects/" + theirs).then().statusCode(403)
                .body("error.code", equalTo("hub.forbidden"));
        given().auth().oauth2(scoped).get("/admin/rejects/" + theirs + "/body").then().statusCode(403);
        given().auth().oauth2(scoped).post("/admin/rejects/" + theirs + "/replay").then().statusCode(403);
        given().auth().oauth2(TestTokens.operator()).get("/admin/rejects/" + theirs).then().statusCode(200);

        String otherOnly = TestTokens.scopedTo(List.of(TestHub.OTHER_NAME), "operator");
        given().auth().oauth2(otherOnly).queryParam("rule", "scope-test").get("/admin/rejects").then().statusCode(200)
                .body("value.deviceId", equalTo(List.of("scope-theirs")));
        String nowhere = TestTokens.scopedTo(List.of("no-such-hub"), "operator");
        given().auth().oauth2(nowhere).queryParam("rule", "scope-test").get("/admin/rejects").then().statusCode(200)
                .body("value.size()", equalTo(0));
    }

    private static long insert(String hub, String device) {
        TestDatabase.execute("INSERT INTO ingest.rejected_message (fingerprint, event_index, hub, device_id, topic, rule, path,"
                        + " reason, reasons, body) VALUES (?, -1, ?, ?, ?, 'scope-test', '$', 'test',"
                        + " '[{\"path\":\"$\",\"rule\":\"scope-test\",\"message\":\"test\"}]'::jsonb, ?)",
                device.getBytes(), hub, device, "devices/" + device + "/messages/events/", new byte[]{1});
        return TestDatabase.count("SELECT id FROM ingest.rejected_message WHERE device_id = ?", device);
    }
}
