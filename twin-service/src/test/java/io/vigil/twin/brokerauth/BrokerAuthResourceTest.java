package io.vigil.twin.brokerauth;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.vigil.contracts.hub.DeviceCredentials;
import io.vigil.contracts.hubevents.HubEventFeed;
import io.vigil.contracts.hubevents.HubEventNotice;
import io.vigil.testing.TestMqttClient;
import io.vigil.testing.TestTokens;
import io.vigil.twin.certificates.CertificateText;
import io.vigil.testing.VigilTestResource;
import io.vigil.twin.TestCertificateAuthority;
import io.vigil.twin.TestCertificates;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/** The brokers' authentication backend over HTTP, against identities in the real registry. */
@QuarkusTest
@QuarkusTestResource(VigilTestResource.class)
class BrokerAuthResourceTest {

    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();
    private static final String HOST = "vigil-hub.example.net";

    @Test
    void aDeviceWithATokenSignedByItsKeyIsAllowedOnItsOwnTopicsOnly() {
        String device = "ba-ok-" + UUID.randomUUID();
        Keys keys = create(device);
        for (String key : List.of(keys.primary, keys.secondary)) {
            authenticate(device, device, username(device), token(device, key, Instant.now().plusSeconds(3600)), null)
                    .then().statusCode(200).body("result", equalTo("allow")).body("deviceId", equalTo(device))
                    .body("acl.topic", hasItem("devices/" + device + "/messages/events/#"))
                    .body("acl.topic", hasItem("devices/" + device + "/twin/res/#"));
        }
        authorize(device, "publish", "devices/" + device + "/messages/events/%24.ifid=x").then().statusCode(200);
        authorize(device, "publish", "devices/" + device + "/twin/GET/?$rid=1").then().statusCode(200);
        authorize(device, "subscribe", "devices/" + device + "/twin/res/#").then().statusCode(200);
        authorize(device, "publish", "devices/someone-else/messages/events/").then().statusCode(403);
        authorize(device, "subscribe", "devices/+/twin/res/#").then().statusCode(403);
        authorize(device, "subscribe", "#").then().statusCode(403);
        authorize(device, "publish", "vigil/v1/feed/vigil-hub/" + device).then().statusCode(403);
        authorize(device, "publish", "devices/" + device + "/twin/PATCH/properties/desired/?$version=9").then().statusCode(403);
    }

    @Test
    void everyWrongCredentialIsRefusedWithItsReasonAndReportedAsAHubEvent() throws Exception {
        String device = "ba-bad-" + UUID.randomUUID();
        Keys keys = create(device);
        String other = Base64.getEncoder().encodeToString(new byte[32]);
        try (TestMqttClient detection = TestMqttClient.connect()) {
            detection.subscribe(HubEventFeed.TOPIC_ROOT + "/vigil-hub/" + device);

            refused(device, token(device, other, Instant.now().plusSeconds(3600)), "invalid-signature");
            refused(device, token(device, keys.primary, Instant.now().minusSeconds(5)), "expired-token");
            refused(device, token("someone-else", keys.primary, Instant.now().plusSeconds(3600)), "wrong-resource");
            refused(device, "not a token", "malformed-credentials");
            refused("ba-nobody-" + UUID.randomUUID(), token(device, keys.primary, Instant.now().plusSeconds(3600)), "unknown-device");
            // A second bad signature within the interval is counted, not sent at once.
            refused(device, token(device, other, Instant.now().plusSeconds(3600)), "invalid-signature");

            await().atMost(Duration.ofSeconds(20)).until(() -> detection.received().size() >= 4);
            List<HubEventNotice> notices = detection.received().stream().map(r -> read(r.payload())).toList();
            assertThat(notices).extracting(HubEventNotice::reason)
                    .contains("invalid-signature", "expired-token", "wrong-resource", "malformed-credentials");
            assertThat(notices).allSatisfy(n -> {
                assertThat(n.kind()).isEqualTo(HubEventNotice.AUTHENTICATION_FAILED);
                assertThat(n.deviceId()).isEqualTo(device);
                assertThat(n.clientAddress()).isEqualTo("192.0.2.7");
            });
            // The folded second failure arrives when the interval (1 s in tests) ends.
            await().atMost(Duration.ofSeconds(20)).until(() -> detection.received().stream().map(r -> read(r.payload()))
                    .filter(n -> n.reason().equals("invalid-signature")).mapToInt(HubEventNotice::count).sum() == 2);
        }
    }

    @Test
    void disabledDevicesAndTheirModulesAreRefused() {
        String device = "ba-off-" + UUID.randomUUID();
        Keys keys = create(device);
        Keys module = keys(given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body("{}")
                .put("/devices/" + device + "/modules/agent").then().statusCode(200).extract().response());
        authenticate(device + "/agent", device + "/agent", HOST + "/" + device + "/agent/?api-version=2021-04-12",
                moduleToken(device, "agent", module.primary), null).then().statusCode(200).body("moduleId", equalTo("agent"));
        // A module's token is no device token, and the client id must be the identity's.
        authenticate(device, device, username(device), moduleToken(device, "agent", module.primary), null).then().statusCode(403);
        authenticate("someone", device, username(device), token(device, keys.primary, Instant.now().plusSeconds(60)), null)
                .then().statusCode(403).body("reason", equalTo("malformed-credentials"));

        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).header("If-Match", "*")
                .body("{\"status\": \"disabled\"}").put("/devices/" + device).then().statusCode(200);
        refused(device, token(device, keys.primary, Instant.now().plusSeconds(3600)), "disabled-device");
        authenticate(device + "/agent", device + "/agent", HOST + "/" + device + "/agent/?api-version=2021-04-12",
                moduleToken(device, "agent", module.primary), null).then().statusCode(403).body("reason", equalTo("disabled-device"));
    }

    @Test
    void certificateDevicesPresentARegisteredThumbprintThatHasNotExpired() {
        String device = "ba-x509-" + UUID.randomUUID();
        String thumbprint = "AB".repeat(20);
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body("{\"authentication\": {\"type\": \"selfSigned\", \"x509Thumbprint\": {\"primaryThumbprint\": \"" + thumbprint + "\"}}}")
                .put("/devices/" + device).then().statusCode(200);
        String future = Instant.now().plusSeconds(86400).toString();
        authenticate(device, device, username(device), null, Map.of("certificateThumbprint", thumbprint.toLowerCase(), "certificateNotAfter", future))
                .then().statusCode(200);
        authenticate(device, device, username(device), null, Map.of("certificateThumbprint", "CD".repeat(20), "certificateNotAfter", future))
                .then().statusCode(403).body("reason", equalTo("thumbprint-mismatch"));
        authenticate(device, device, username(device), null, Map.of("certificateThumbprint", thumbprint,
                "certificateNotAfter", Instant.now().minusSeconds(60).toString()))
                .then().statusCode(403).body("reason", equalTo("certificate-expired"));
        authenticate(device, device, username(device), "SharedAccessSignature sr=x&sig=y&se=1", null)
                .then().statusCode(403).body("reason", equalTo("wrong-authentication-type"));
    }

    @Test
    void aSelfSignedDeviceMayBeRegisteredWithTheSha256ThumbprintOfItsCertificate() throws Exception {
        String device = "ba-x509-256-" + UUID.randomUUID();
        String pem = TestCertificates.pem("ca-device-1-self-signed.pem");
        java.security.cert.X509Certificate certificate = CertificateText.read(pem);
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body("{\"authentication\": {\"type\": \"selfSigned\", \"x509Thumbprint\": {\"primaryThumbprint\": \""
                        + CertificateText.sha256Thumbprint(certificate) + "\"}}}")
                .put("/devices/" + device).then().statusCode(200);
        // As the embedded broker asks: the SHA-1 thumbprint, and the chain it came with.
        Map<String, Object> presented = new java.util.HashMap<>();
        presented.put("certificateThumbprint", CertificateText.thumbprint(certificate));
        presented.put("certificateNotAfter", Instant.now().plusSeconds(60).toString());
        presented.put("certificateChain", List.of(pem));
        authenticate(device, device, username(device), null, presented).then().statusCode(200);
        // Without the chain the SHA-1 thumbprint alone does not match the SHA-256 one registered.
        authenticate(device, device, username(device), null, Map.of("certificateThumbprint", CertificateText.thumbprint(certificate),
                "certificateNotAfter", Instant.now().plusSeconds(60).toString()))
                .then().statusCode(403).body("reason", equalTo("thumbprint-mismatch"));
    }

    @Test
    void brokersReportConnectionsAndAnOlderReportChangesNothing() {
        String device = "ba-conn-" + UUID.randomUUID();
        create(device);
        Instant now = Instant.now();
        connection(device, "connected", now).then().statusCode(204);
        given().auth().oauth2(TestTokens.reader()).get("/devices/" + device).then()
                .body("connectionState", equalTo("Connected")).body("connectionStateUpdatedTime", org.hamcrest.Matchers.startsWith(
                        now.toString().substring(0, 19)));
        given().auth().oauth2(TestTokens.reader()).get("/twins/" + device).then().body("connectionState", equalTo("Connected"));
        // A disconnection reported late, from before the connection, is old news.
        connection(device, "disconnected", now.minusSeconds(5)).then().statusCode(204);
        given().auth().oauth2(TestTokens.reader()).get("/devices/" + device).then().body("connectionState", equalTo("Connected"));
        connection(device, "disconnected", now.plusMillis(1)).then().statusCode(204);
        given().auth().oauth2(TestTokens.reader()).get("/devices/" + device).then().body("connectionState", equalTo("Disconnected"));
        // The twin's version does not move with the connection state.
        given().auth().oauth2(TestTokens.reader()).get("/twins/" + device).then().body("version", equalTo(1));

        given().auth().oauth2(TestTokens.withRoles("broker")).contentType(ContentType.JSON)
                .body(Map.of("clientId", "vigil-services", "username", "vigil-services", "event", "connected")).post("/broker/connections")
                .then().statusCode(204);
        connection(device, "vanished", now).then().statusCode(400);
    }

    @Test
    void caDevicesPresentAChainToOneOfTheHubsCaCertificates() throws Exception {
        String leaf = TestCertificates.pem("ca-device-1.pem");
        String selfSigned = TestCertificates.pem("ca-device-1-self-signed.pem");
        for (String device : List.of("ca-device-1", "ca-device-2")) {
            given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                    .body("{\"authentication\": {\"type\": \"certificateAuthority\"}}").put("/devices/" + device).then().statusCode(200);
        }
        // No CA certificate yet: nothing to trust.
        authenticate("ca-device-1", "ca-device-1", username("ca-device-1"), null, Map.of()).then().statusCode(403);
        chained("ca-device-1", List.of(leaf)).then().statusCode(403).body("reason", equalTo("untrusted-certificate"));

        // Uploaded, not verified: the hub has the CA but nobody has shown they hold its key.
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("properties", Map.of("certificate", TestCertificates.pem("test-ca.pem"))))
                .put("/certificates/chain-ca").then().statusCode(200).body("properties.isVerified", equalTo(false));
        chained("ca-device-1", List.of(leaf)).then().statusCode(403).body("reason", equalTo("unverified-certificate-authority"));
        // test-ca's key is not kept, so an admin vouches for it on upload.
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).header("If-Match", "*")
                .body(Map.of("properties", Map.of("certificate", TestCertificates.pem("test-ca.pem"), "isVerified", true)))
                .put("/certificates/chain-ca").then().statusCode(200).body("properties.isVerified", equalTo(true));
        chained("ca-device-1", List.of(leaf)).then().statusCode(200).body("result", equalTo("allow"));
        chained("ca-device-1", List.of(selfSigned)).then().statusCode(403).body("reason", equalTo("untrusted-certificate"));
        // The certificate names ca-device-1, so it is no proof for ca-device-2.
        chained("ca-device-2", List.of(leaf)).then().statusCode(403).body("reason", equalTo("untrusted-certificate"));

        given().auth().oauth2(TestTokens.admin()).header("If-Match", "*").delete("/certificates/chain-ca").then().statusCode(204);
        chained("ca-device-1", List.of(leaf)).then().statusCode(403).body("reason", equalTo("untrusted-certificate"));
    }

    @Test
    void aChainToAnUnverifiedCaIsRefusedAndReportedUntilTheCaIsProven() {
        TestCertificateAuthority ca = TestCertificateAuthority.create("Vigil Broker PoP CA");
        String name = "pop-" + UUID.randomUUID();
        String device = "ba-pop-" + UUID.randomUUID();
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body("{\"authentication\": {\"type\": \"certificateAuthority\"}}").put("/devices/" + device).then().statusCode(200);
        String uploaded = given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("properties", Map.of("certificate", ca.pem()))).put("/certificates/" + name)
                .then().statusCode(200).extract().path("etag");
        String leaf = ca.issue(device);

        try (TestMqttClient detection = TestMqttClient.connect()) {
            detection.subscribe(HubEventFeed.TOPIC_ROOT + "/vigil-hub/" + device);
            chained(device, List.of(leaf)).then().statusCode(403).body("result", equalTo("deny"))
                    .body("reason", equalTo("unverified-certificate-authority"));
            await().atMost(Duration.ofSeconds(20)).until(() -> !detection.received().isEmpty());
            HubEventNotice notice = read(detection.received().get(0).payload());
            assertThat(notice.kind()).isEqualTo(HubEventNotice.AUTHENTICATION_FAILED);
            assertThat(notice.reason()).isEqualTo("unverified-certificate-authority");
            assertThat(notice.deviceId()).isEqualTo(device);
        }

        Response challenge = given().auth().oauth2(TestTokens.admin()).header("If-Match", uploaded)
                .post("/certificates/" + name + "/generateVerificationCode").then().statusCode(200).extract().response();
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).header("If-Match", (String) challenge.path("etag"))
                .body(Map.of("certificate", ca.issue(challenge.path("properties.verificationCode"))))
                .post("/certificates/" + name + "/verify").then().statusCode(200).body("properties.isVerified", equalTo(true));
        chained(device, List.of(leaf)).then().statusCode(200).body("result", equalTo("allow")).body("deviceId", equalTo(device));
        // A certificate of another CA, proven or not, is still no proof of this device.
        chained(device, List.of(TestCertificateAuthority.create("Vigil Other CA").issue(device))).then().statusCode(403)
                .body("reason", equalTo("untrusted-certificate"));

        given().auth().oauth2(TestTokens.admin()).header("If-Match", "*").delete("/certificates/" + name).then().statusCode(204);
    }

    private static Response chained(String device, List<String> chain) {
        Map<String, Object> body = new java.util.HashMap<>();
        body.put("clientId", device);
        body.put("username", username(device));
        body.put("certificateChain", chain);
        return given().auth().oauth2(TestTokens.withRoles("broker")).contentType(ContentType.JSON).body(body).post("/broker/authenticate");
    }

    @Test
    void onlyBrokersMayAsk() {
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body("{\"username\": \"x\"}")
                .post("/broker/authenticate").then().statusCode(403);
        given().contentType(ContentType.JSON).body("{\"username\": \"x\"}").post("/broker/authenticate").then().statusCode(401);
    }

    private static void refused(String device, String password, String reason) {
        authenticate(device, device, username(device), password, null).then().statusCode(403)
                .body("result", equalTo("deny")).body("reason", equalTo(reason));
    }

    private static Response authenticate(String clientId, String device, String username, String password, Map<String, ?> extra) {
        Map<String, Object> body = new java.util.HashMap<>();
        body.put("clientId", clientId);
        body.put("username", username);
        body.put("password", password);
        body.put("clientAddress", "192.0.2.7");
        if (extra != null) {
            body.putAll(extra);
        }
        return given().auth().oauth2(TestTokens.withRoles("broker")).contentType(ContentType.JSON).body(body).post("/broker/authenticate");
    }

    private static Response connection(String device, String event, Instant at) {
        return given().auth().oauth2(TestTokens.withRoles("broker")).contentType(ContentType.JSON)
                .body(Map.of("clientId", device, "username", username(device), "event", event, "at", at.toString())).post("/broker/connections");
    }

    private static Response authorize(String device, String action, String topic) {
        return given().auth().oauth2(TestTokens.withRoles("broker")).contentType(ContentType.JSON)
                .body(Map.of("clientId", device, "username", username(device), "action", action, "topic", topic)).post("/broker/authorize");
    }

    private static String username(String device) {
        return HOST + "/" + device + "/?api-version=2021-04-12";
    }

    static String token(String device, String key, Instant expiry) {
        return sas(HOST + "/devices/" + device, key, expiry);
    }

    private static String moduleToken(String device, String module, String key) {
        return sas(HOST + "/devices/" + device + "/modules/" + module, key, Instant.now().plusSeconds(3600));
    }

    private static String sas(String resource, String key, Instant expiry) {
        return DeviceCredentials.sasToken(resource, key, expiry);
    }

    private record Keys(String primary, String secondary) {
    }

    private static Keys create(String device) {
        return keys(given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body("{}").put("/devices/" + device)
                .then().statusCode(200).extract().response());
    }

    private static Keys keys(Response identity) {
        return new Keys(identity.path("authentication.symmetricKey.primaryKey"), identity.path("authentication.symmetricKey.secondaryKey"));
    }

    private static HubEventNotice read(byte[] payload) {
        try {
            return JSON.readValue(payload, HubEventNotice.class);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
