package io.vigil.ingest.rejects;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.vigil.ingest.AgentMessages;
import io.vigil.platform.security.CachingJwtParser;
import io.vigil.testing.TestDatabase;
import io.vigil.testing.TestMqttClient;
import io.vigil.testing.TestTokens;
import io.vigil.testing.VigilTestResource;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/** The admin API over the rejects: authenticated, role-checked, and a replay that really re-ingests. */
@QuarkusTest
@QuarkusTestResource(VigilTestResource.class)
class RejectsResourceTest {

    @Test
    void listingNeedsAValidTokenWithTheOperatorRole() {
        given().when().get("/admin/rejects").then().statusCode(401);
        given().auth().oauth2(TestTokens.forged()).when().get("/admin/rejects").then().statusCode(401);
        given().auth().oauth2(TestTokens.reader()).when().get("/admin/rejects").then().statusCode(403);
        given().auth().oauth2(TestTokens.operator()).when().get("/admin/rejects").then().statusCode(200);
        given().auth().oauth2(TestTokens.operator()).when().post("/admin/rejects/1/replay").then().statusCode(403);
    }

    @Inject
    JWTParser parser;

    @Test
    void aVerifiedTokenIsRememberedButNoOtherTokenRidesOnIt() {
        assertThat(parser).isInstanceOf(CachingJwtParser.class);
        String token = TestTokens.operator();
        given().auth().oauth2(token).when().get("/admin/rejects").then().statusCode(200);
        given().auth().oauth2(token).when().get("/admin/rejects").then().statusCode(200);
        // the same header and claims with another signature are checked, and refused
        int at = token.length() - 20; // inside the signature, away from the last character's unused bits
        String tampered = token.substring(0, at) + (token.charAt(at) == 'A' ? 'B' : 'A') + token.substring(at + 1);
        given().auth().oauth2(tampered).when().get("/admin/rejects").then().statusCode(401);
        given().auth().oauth2(TestTokens.expired("reader", "operator")).when().get("/admin/rejects").then().statusCode(401);
        given().auth().oauth2(token).when().get("/admin/rejects").then().statusCode(200);
    }

    @Test
    void aRejectCanBeListedDownloadedAndReplayed() {
        byte[] garbage = "definitely not json".getBytes(StandardCharsets.UTF_8);
        try (TestMqttClient device = TestMqttClient.connect()) {
            device.publish(AgentMessages.topic("rest-garbage"), garbage);
        }
        await().atMost(Duration.ofSeconds(20)).until(() ->
                TestDatabase.count("SELECT count(*) FROM ingest.rejected_message WHERE device_id = ?", "rest-garbage") == 1);

        Response list = given().auth().oauth2(TestTokens.operator()).queryParam("deviceId", "rest-garbage")
                .when().get("/admin/rejects");
        list.then().statusCode(200).body("value.rule", hasItem("json.syntax"));
        long id = list.jsonPath().getLong("value[0].id");

        byte[] body = given().auth().oauth2(TestTokens.operator()).when().get("/admin/rejects/" + id + "/body")
                .then().statusCode(200).extract().asByteArray();
        assertThat(body).isEqualTo(garbage);

        given().auth().oauth2(TestTokens.admin()).when().post("/admin/rejects/" + id + "/replay")
                .then().statusCode(200).body("outcome", equalTo("still-rejected")).body("reasons[0].rule", equalTo("json.syntax"));
        given().auth().oauth2(TestTokens.operator()).when().get("/admin/rejects/" + id)
                .then().statusCode(200).body("replayCount", equalTo(1)).body("status", equalTo("rejected"));
    }

    /** A reject stored by an older, stricter version is accepted once today's rules take it. */
    @Test
    void aReplayOfAMessageThatIsValidTodayStoresItsEvents() {
        String topic = AgentMessages.topic("rest-replay");
        byte[] valid = AgentMessages.envelope(AgentMessages.listeningPorts("22", "23")).getBytes(StandardCharsets.UTF_8);
        TestDatabase.execute("INSERT INTO ingest.rejected_message (fingerprint, event_index, hub, device_id, topic, rule, path,"
                        + " reason, reasons, body) VALUES (?, -1, 'hub', 'rest-replay', ?, 'old-rule', '$', 'older parser',"
                        + " '[{\"path\":\"$\",\"rule\":\"old-rule\",\"message\":\"older parser\"}]'::jsonb, ?)",
                new byte[]{1, 2, 3}, topic, valid);
        long id = TestDatabase.count("SELECT id FROM ingest.rejected_message WHERE device_id = ?", "rest-replay");

        given().auth().oauth2(TestTokens.admin()).when().post("/admin/rejects/" + id + "/replay")
                .then().statusCode(200).body("outcome", equalTo("accepted")).body("rawEvents", equalTo(2));
        assertThat(TestDatabase.count("SELECT count(*) FROM workspace.security_iot_raw_event WHERE device_id = ?", "rest-replay"))
                .isEqualTo(2);
        given().auth().oauth2(TestTokens.admin()).when().post("/admin/rejects/" + id + "/replay")
                .then().statusCode(200).body("outcome", equalTo("accepted"));
        assertThat(TestDatabase.count("SELECT count(*) FROM workspace.security_iot_raw_event WHERE device_id = ?", "rest-replay"))
                .as("a second replay adds nothing").isEqualTo(2);
        given().auth().oauth2(TestTokens.admin()).when().get("/admin/rejects/" + id)
                .then().statusCode(200).body("status", equalTo("replayed"));
    }

    @Test
    void unknownIdsAndBadPagesAreClearErrors() {
        given().auth().oauth2(TestTokens.operator()).when().get("/admin/rejects/987654321")
                .then().statusCode(404).body("error.code", equalTo("not-found"));
        given().auth().oauth2(TestTokens.operator()).queryParam("limit", 100000).when().get("/admin/rejects")
                .then().statusCode(400).body("error.code", equalTo("invalid-limit"));
    }
}
