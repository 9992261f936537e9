package io.vigil.twin.certificates;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.vigil.contracts.hubevents.HubEventFeed;
import io.vigil.contracts.hubevents.HubEventNotice;
import io.vigil.testing.TestHub;
import io.vigil.testing.TestMqttClient;
import io.vigil.testing.TestTokens;
import io.vigil.testing.VigilTestResource;
import io.vigil.twin.TestCertificates;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/** CA certificates over HTTP and the real PostgreSQL and broker: every attempt audited and reported. */
@QuarkusTest
@QuarkusTestResource(VigilTestResource.class)
class CertificateResourceTest {

    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();

    @Test
    void addingAndDeletingCertificatesIsAuditedAndReportedAttemptByAttempt() {
        try (TestMqttClient detection = TestMqttClient.connect()) {
            detection.subscribe(HubEventFeed.topic(TestHub.NAME, ""));

            Response added = put("plant-ca", TestCertificates.pem("test-ca.pem"), null).then().statusCode(200)
                    .body("name", equalTo("plant-ca")).body("properties.subject", equalTo("CN=Vigil Test CA"))
                    .body("properties.isVerified", equalTo(true)).extract().response();
            assertThat((String) added.path("properties.thumbprint")).matches("[0-9A-F]{40}");
            given().auth().oauth2(TestTokens.reader()).get("/certificates").then().statusCode(200).body("value.name", hasItem("plant-ca"));

            put("plant-ca", TestCertificates.pem("test-ca.pem"), null).then().statusCode(409).body("error.code", equalTo("CertificateAlreadyExists"));
            put("leaf", TestCertificates.pem("not-a-ca.pem"), null).then().statusCode(400).body("error.message", org.hamcrest.Matchers.containsString("not a CA"));
            put("old-ca", TestCertificates.pem("expired-ca.pem"), null).then().statusCode(400).body("error.message", org.hamcrest.Matchers.containsString("expired"));
            put("bad", "not a certificate", null).then().statusCode(400);
            given().auth().oauth2(TestTokens.admin()).delete("/certificates/plant-ca").then().statusCode(412);
            given().auth().oauth2(TestTokens.admin()).header("If-Match", "*").delete("/certificates/plant-ca").then().statusCode(204);
            given().auth().oauth2(TestTokens.admin()).header("If-Match", "*").delete("/certificates/plant-ca").then().statusCode(404);
            given().auth().oauth2(TestTokens.reader()).contentType(ContentType.JSON).body(Map.of("properties", Map.of("certificate", TestCertificates.pem("test-ca.pem"))))
                    .put("/certificates/sneaky").then().statusCode(403);

            List<String> expected = List.of(HubEventNotice.CERTIFICATE_ADDED, HubEventNotice.CERTIFICATE_ADD_FAILED,
                    HubEventNotice.CERTIFICATE_ADD_FAILED, HubEventNotice.CERTIFICATE_ADD_FAILED, HubEventNotice.CERTIFICATE_ADD_FAILED,
                    HubEventNotice.CERTIFICATE_DELETE_FAILED, HubEventNotice.CERTIFICATE_DELETED, HubEventNotice.CERTIFICATE_DELETE_FAILED);
            await().atMost(Duration.ofSeconds(20)).until(() -> detection.received().size() >= expected.size());
            List<HubEventNotice> notices = detection.received().stream().map(r -> read(r.payload())).toList();
            assertThat(notices).extracting(HubEventNotice::kind).containsExactlyElementsOf(expected);
            assertThat(notices).allSatisfy(n -> {
                assertThat(n.deviceId()).isEmpty();
                assertThat(n.actor()).isEqualTo("test-user");
            });
            assertThat(notices.get(2).target()).isEqualTo("leaf");
            assertThat(notices.get(2).reason()).contains("not a CA certificate");
        }

        Response trail = given().auth().oauth2(TestTokens.admin()).queryParam("limit", 8).get("/audit").then().statusCode(200).extract().response();
        List<Map<String, Object>> entries = trail.jsonPath().getList("value");
        assertThat(entries).extracting(e -> e.get("action") + " " + e.get("target") + " " + e.get("outcome")).containsExactly(
                "certificate.delete plant-ca failed", "certificate.delete plant-ca succeeded", "certificate.delete plant-ca failed",
                "certificate.add bad failed", "certificate.add old-ca failed", "certificate.add leaf failed",
                "certificate.add plant-ca failed", "certificate.add plant-ca succeeded");
        assertThat(entries).allSatisfy(e -> assertThat(e.get("actor")).isEqualTo("test-user"));
        given().auth().oauth2(TestTokens.operator()).get("/audit").then().statusCode(403);
        given().auth().oauth2(TestTokens.admin()).queryParam("limit", 1001).get("/audit").then().statusCode(400)
                .body("error.message", org.hamcrest.Matchers.containsString("between 1 and 1000"));
        given().auth().oauth2(TestTokens.admin()).queryParam("limit", 0).get("/audit").then().statusCode(400);
    }

    private static Response put(String name, String certificate, String ifMatch) {
        var request = given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("properties", Map.of("certificate", certificate)));
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        return request.put("/certificates/" + name);
    }

    private static HubEventNotice read(byte[] payload) {
        try {
            return JSON.readValue(payload, HubEventNotice.class);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
