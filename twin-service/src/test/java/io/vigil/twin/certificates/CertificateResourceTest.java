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
import io.vigil.twin.TestCertificateAuthority;
import io.vigil.twin.TestCertificates;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

/** CA certificates over HTTP and the real PostgreSQL and broker: every attempt audited (and adds and deletes reported). */
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
                    .body("properties.isVerified", equalTo(false)).extract().response();
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

    @Test
    void anUploadedCaIsVerifiedByProofOfPossessionOfItsKeyAndEveryAttemptIsAudited() {
        TestCertificateAuthority ca = TestCertificateAuthority.create("Vigil PoP CA");
        TestCertificateAuthority stranger = TestCertificateAuthority.create("Vigil Stranger CA");
        String uploaded = put("pop-ca", ca.pem(), null).then().statusCode(200).body("properties.isVerified", equalTo(false))
                .extract().path("etag");

        // Nothing to answer yet.
        verify("pop-ca", ca.issue("anything"), uploaded).then().statusCode(400)
                .body("error.message", containsString("no verification code was generated"));

        generate("pop-ca", null).then().statusCode(412);
        generate("pop-ca", "stale").then().statusCode(412);
        generate("pop-ca", "*").then().statusCode(412);
        Response generated = generate("pop-ca", uploaded).then().statusCode(200).body("name", equalTo("pop-ca"))
                .body("properties.isVerified", equalTo(false)).body("properties.subject", equalTo("CN=Vigil PoP CA")).extract().response();
        String code = generated.path("properties.verificationCode");
        String challenged = generated.path("etag");
        assertThat(code).matches("[0-9A-F]{40}");
        assertThat(challenged).isNotEqualTo(uploaded);
        assertThat(generated.header("ETag")).isEqualTo("\"" + challenged + "\"");
        // As in IoT Hub, the code is in the answer to generateVerificationCode only.
        given().auth().oauth2(TestTokens.reader()).get("/certificates/pop-ca").then().statusCode(200)
                .body("etag", equalTo(challenged)).body("properties.verificationCode", nullValue());

        verify("pop-ca", ca.issue(code), uploaded).then().statusCode(412);
        verify("pop-ca", ca.issue("not-the-code"), challenged).then().statusCode(400)
                .body("error.code", equalTo("CertificateVerificationFailed")).body("error.message", containsString("common name"));
        verify("pop-ca", stranger.issue(code), challenged).then().statusCode(400)
                .body("error.message", containsString("not signed by the key of certificate pop-ca"));
        verify("pop-ca", ca.issue(code, Instant.now().minus(Duration.ofDays(2)), Instant.now().minus(Duration.ofDays(1))), challenged)
                .then().statusCode(400).body("error.message", containsString("expired"));
        verify("pop-ca", "not a certificate", challenged).then().statusCode(400);
        given().auth().oauth2(TestTokens.reader()).header("If-Match", challenged).post("/certificates/pop-ca/generateVerificationCode")
                .then().statusCode(403);

        Response verified = verify("pop-ca", ca.issue(code), challenged).then().statusCode(200)
                .body("properties.isVerified", equalTo(true)).body("properties.verificationCode", nullValue()).extract().response();
        String afterwards = verified.path("etag");
        assertThat(afterwards).isNotEqualTo(challenged);
        given().auth().oauth2(TestTokens.reader()).get("/certificates/pop-ca").then().body("properties.isVerified", equalTo(true));
        // The code is used up: the same answer proves nothing a second time.
        verify("pop-ca", ca.issue(code), afterwards).then().statusCode(400).body("error.message", containsString("no verification code"));

        List<Map<String, Object>> entries = given().auth().oauth2(TestTokens.admin()).queryParam("limit", 13).get("/audit")
                .then().statusCode(200).extract().jsonPath().getList("value");
        assertThat(entries).extracting(e -> e.get("action") + " " + e.get("target") + " " + e.get("outcome")).containsExactly(
                "certificate.verify pop-ca failed", "certificate.verify pop-ca succeeded", "certificate.verify pop-ca failed",
                "certificate.verify pop-ca failed", "certificate.verify pop-ca failed", "certificate.verify pop-ca failed",
                "certificate.verify pop-ca failed", "certificate.generate-verification-code pop-ca succeeded",
                "certificate.generate-verification-code pop-ca failed", "certificate.generate-verification-code pop-ca failed",
                "certificate.generate-verification-code pop-ca failed", "certificate.verify pop-ca failed", "certificate.add pop-ca succeeded");
        assertThat(entries).allSatisfy(e -> assertThat(e.get("actor")).isEqualTo("test-user"));
        assertThat(entries.get(5).get("reason")).asString().contains("common name");
        assertThat(entries.get(6).get("reason")).asString().contains("PreconditionFailed");
        assertThat(entries).allSatisfy(e -> assertThat(String.valueOf(e.get("reason"))).doesNotContain(code));

        given().auth().oauth2(TestTokens.admin()).header("If-Match", "*").delete("/certificates/pop-ca").then().statusCode(204);
    }

    @Test
    void anAdminMayVouchForACaOnUploadAndTheTrailSaysSo() {
        TestCertificateAuthority ca = TestCertificateAuthority.create("Vigil Vouched CA");
        String vouched = putVerified("vouched-ca", ca.pem(), null).then().statusCode(200)
                .body("properties.isVerified", equalTo(true)).extract().path("etag");
        given().auth().oauth2(TestTokens.admin()).queryParam("limit", 1).get("/audit").then()
                .body("value[0].action", equalTo("certificate.add-verified")).body("value[0].outcome", equalTo("succeeded"));

        // A pending code belongs to the certificate it was asked for: replacing the certificate drops it, and the
        // replacement must be proven (or vouched for) again.
        String challenged = generate("vouched-ca", vouched).then().statusCode(200).extract().path("etag");
        String other = TestCertificateAuthority.create("Vigil Vouched CA 2").pem();
        String replaced = put("vouched-ca", other, challenged).then().statusCode(200)
                .body("properties.isVerified", equalTo(false)).extract().path("etag");
        verify("vouched-ca", ca.issue("whatever"), replaced).then().statusCode(400).body("error.message", containsString("no verification code"));

        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("properties", Map.of("certificate", ca.pem(), "isVerified", "yes"))).header("If-Match", "*")
                .put("/certificates/vouched-ca").then().statusCode(400).body("error.message", containsString("isVerified"));
        given().auth().oauth2(TestTokens.admin()).queryParam("limit", 1).get("/audit").then()
                .body("value[0].action", equalTo("certificate.add")).body("value[0].outcome", equalTo("failed"));

        given().auth().oauth2(TestTokens.admin()).header("If-Match", "*").delete("/certificates/vouched-ca").then().statusCode(204);
    }

    private static Response putVerified(String name, String certificate, String ifMatch) {
        var request = given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("properties", Map.of("certificate", certificate, "isVerified", true)));
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        return request.put("/certificates/" + name);
    }

    private static Response generate(String name, String ifMatch) {
        var request = given().auth().oauth2(TestTokens.admin());
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        return request.post("/certificates/" + name + "/generateVerificationCode");
    }

    private static Response verify(String name, String certificate, String ifMatch) {
        return given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).header("If-Match", ifMatch)
                .body(Map.of("certificate", certificate)).post("/certificates/" + name + "/verify");
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
