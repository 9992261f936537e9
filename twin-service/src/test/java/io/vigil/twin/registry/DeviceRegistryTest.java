package io.vigil.twin.registry;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.vigil.testing.TestDatabase;
import io.vigil.testing.TestTokens;
import io.vigil.testing.VigilTestResource;
import org.junit.jupiter.api.Test;

import java.util.Base64;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

/** The registry over HTTP and the real PostgreSQL: IoT Hub's device and module shapes, etags, keys and roles. */
@QuarkusTest
@QuarkusTestResource(VigilTestResource.class)
class DeviceRegistryTest {

    private static final String OTHER_HUB = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/vigil/providers/Microsoft.Devices/IotHubs/other-hub";

    @Test
    void aNewDeviceGetsGeneratedKeysThatOnlyAdminsSee() {
        Response created = put("/devices/reg-keys-1", "{\"deviceId\": \"reg-keys-1\"}", null).then().statusCode(200)
                .body("deviceId", equalTo("reg-keys-1")).body("status", equalTo("enabled"))
                .body("authentication.type", equalTo("sas")).body("connectionState", equalTo("Disconnected"))
                .body("lastActivityTime", equalTo("0001-01-01T00:00:00Z")).body("capabilities.iotEdge", equalTo(false))
                .extract().response();
        String primary = created.path("authentication.symmetricKey.primaryKey");
        String secondary = created.path("authentication.symmetricKey.secondaryKey");
        assertThat(Base64.getDecoder().decode(primary)).hasSize(32);
        assertThat(Base64.getDecoder().decode(secondary)).hasSize(32);
        assertThat(primary).isNotEqualTo(secondary);
        assertThat(created.header("ETag")).isEqualTo("\"" + created.path("etag") + "\"");

        given().auth().oauth2(TestTokens.reader()).get("/devices/reg-keys-1").then().statusCode(200)
                .body("etag", equalTo(created.path("etag")))
                .body("authentication.symmetricKey.primaryKey", nullValue())
                .body("authentication.symmetricKey.secondaryKey", nullValue());
        given().auth().oauth2(TestTokens.admin()).get("/devices/reg-keys-1").then().statusCode(200)
                .body("authentication.symmetricKey.primaryKey", equalTo(primary));
        // The device twin exists with the identity's public facts; keys never reach a twin or a twin query.
        given().auth().oauth2(TestTokens.reader()).get("/twins/reg-keys-1").then().statusCode(200)
                .body("deviceEtag", equalTo(created.path("etag"))).body("authenticationType", equalTo("sas"));
        String twinQuery = given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body("{\"query\": \"SELECT * FROM devices WHERE deviceId = 'reg-keys-1'\"}").post("/devices/query")
                .then().statusCode(200).extract().asString();
        assertThat(twinQuery).contains("reg-keys-1").doesNotContain(primary).doesNotContain(secondary);
    }

    @Test
    void creatingTwiceConflictsAndReplacingNeedsTheCurrentEtag() {
        String etag = put("/devices/reg-etag-1", "{}", null).then().statusCode(200).extract().path("etag");
        put("/devices/reg-etag-1", "{}", null).then().statusCode(409).body("error.code", equalTo("DeviceAlreadyExists"));
        put("/devices/reg-etag-1", "{\"status\": \"disabled\", \"statusReason\": \"stolen\"}", "\"stale\"").then()
                .statusCode(412).body("error.code", equalTo("PreconditionFailed"));

        Response disabled = put("/devices/reg-etag-1", "{\"status\": \"disabled\", \"statusReason\": \"stolen\"}", "\"" + etag + "\"")
                .then().statusCode(200).body("status", equalTo("disabled")).body("statusReason", equalTo("stolen"))
                .extract().response();
        String newEtag = disabled.path("etag");
        assertThat(newEtag).isNotEqualTo(etag);
        assertThat((String) disabled.path("statusUpdatedTime")).isNotEqualTo("0001-01-01T00:00:00Z");
        // Keys are kept when a replacement names none.
        String key = given().auth().oauth2(TestTokens.admin()).get("/devices/reg-etag-1").path("authentication.symmetricKey.primaryKey");
        assertThat(key).isNotNull();
        put("/devices/reg-etag-1", "{\"status\": \"enabled\"}", "*").then().statusCode(200)
                .body("authentication.symmetricKey.primaryKey", equalTo(key));
        // The old etag no longer holds.
        put("/devices/reg-etag-1", "{}", "\"" + etag + "\"").then().statusCode(412);
        // The twin shows the status, so the twin query language finds disabled devices.
        given().auth().oauth2(TestTokens.reader()).get("/twins/reg-etag-1").then().body("status", equalTo("enabled"));
        put("/devices/reg-etag-2", "{\"status\": \"disabled\"}", null).then().statusCode(200);
        given().auth().oauth2(TestTokens.reader()).contentType(ContentType.JSON)
                .body("{\"query\": \"SELECT deviceId FROM devices WHERE status = 'disabled' AND STARTSWITH(deviceId, 'reg-etag-')\"}")
                .post("/devices/query").then().statusCode(200).body("deviceId", equalTo(List.of("reg-etag-2")));
    }

    @Test
    void operatorsChooseKeysAndThumbprintsWithinIoTHubsRules() {
        String key = Base64.getEncoder().encodeToString("sixteen byte key".getBytes());
        put("/devices/reg-auth-1", "{\"authentication\": {\"type\": \"sas\", \"symmetricKey\": {\"primaryKey\": \"" + key + "\"}}}", null)
                .then().statusCode(200).body("authentication.symmetricKey.primaryKey", equalTo(key));
        String thumbprint = "a".repeat(40);
        put("/devices/reg-auth-2", "{\"authentication\": {\"type\": \"selfSigned\", \"x509Thumbprint\": {\"primaryThumbprint\": \""
                + thumbprint + "\"}}}", null).then().statusCode(200)
                .body("authentication.type", equalTo("selfSigned"))
                .body("authentication.x509Thumbprint.primaryThumbprint", equalTo("A".repeat(40)))
                .body("authentication.symmetricKey.primaryKey", nullValue());

        for (String body : List.of(
                "{\"authentication\": {\"symmetricKey\": {\"primaryKey\": \"not base64!\"}}}",
                "{\"authentication\": {\"symmetricKey\": {\"primaryKey\": \"" + Base64.getEncoder().encodeToString(new byte[8]) + "\"}}}",
                "{\"authentication\": {\"type\": \"selfSigned\"}}",
                "{\"authentication\": {\"type\": \"selfSigned\", \"x509Thumbprint\": {\"primaryThumbprint\": \"abc\"}}}",
                "{\"authentication\": {\"type\": \"password\"}}",
                "{\"status\": \"paused\"}",
                "{\"deviceId\": \"someone-else\"}",
                "[1, 2]")) {
            put("/devices/reg-auth-bad", body, null).then().statusCode(400).body("error.code", equalTo("ArgumentInvalid"));
        }
        put("/devices/reg bad id", "{}", null).then().statusCode(400).body("error.code", equalTo("ArgumentInvalid"));
        assertThat(TestDatabase.count("SELECT count(*) FROM twin.twin WHERE device_id = 'reg-auth-bad'")).isZero();
    }

    @Test
    void modulesBelongToTheirDeviceAndGoWithIt() {
        put("/devices/reg-mod-none/modules/agent", "{}", null).then().statusCode(404).body("error.code", equalTo("DeviceNotFound"));
        put("/devices/reg-mod-1", "{}", null).then().statusCode(200);
        put("/devices/reg-mod-1/modules/azureiotsecurity", "{\"managedBy\": \"vigil\"}", null).then().statusCode(200)
                .body("moduleId", equalTo("azureiotsecurity")).body("deviceId", equalTo("reg-mod-1"))
                .body("managedBy", equalTo("vigil")).body("authentication.type", equalTo("sas"));
        put("/devices/reg-mod-1/modules/second", "{}", null).then().statusCode(200);
        put("/devices/reg-mod-1/modules/second", "{}", null).then().statusCode(409).body("error.code", equalTo("ModuleAlreadyExists"));
        given().auth().oauth2(TestTokens.reader()).get("/devices/reg-mod-1/modules").then().statusCode(200)
                .body("moduleId", equalTo(List.of("azureiotsecurity", "second")));
        given().auth().oauth2(TestTokens.reader()).get("/twins/reg-mod-1/modules/azureiotsecurity").then().statusCode(200)
                .body("moduleId", equalTo("azureiotsecurity"));

        given().auth().oauth2(TestTokens.admin()).delete("/devices/reg-mod-1/modules/second").then().statusCode(204);
        given().auth().oauth2(TestTokens.reader()).get("/devices/reg-mod-1/modules/second").then().statusCode(404)
                .body("error.code", equalTo("ModuleNotFound"));
        given().auth().oauth2(TestTokens.admin()).header("If-Match", "\"stale\"").delete("/devices/reg-mod-1").then().statusCode(412);
        given().auth().oauth2(TestTokens.admin()).delete("/devices/reg-mod-1").then().statusCode(204);
        assertThat(TestDatabase.count("SELECT count(*) FROM twin.twin WHERE device_id = 'reg-mod-1'")).isZero();
        given().auth().oauth2(TestTokens.admin()).delete("/devices/reg-mod-1").then().statusCode(404);
    }

    @Test
    void keysRotateOneAtATimeOrSwap() {
        Response created = put("/devices/reg-rotate-1", "{}", null).then().statusCode(200).extract().response();
        String primary = created.path("authentication.symmetricKey.primaryKey");
        String secondary = created.path("authentication.symmetricKey.secondaryKey");

        Response swapped = given().auth().oauth2(TestTokens.admin()).post("/devices/reg-rotate-1/renewKey?keyType=swap")
                .then().statusCode(200).extract().response();
        assertThat((String) swapped.path("authentication.symmetricKey.primaryKey")).isEqualTo(secondary);
        assertThat((String) swapped.path("authentication.symmetricKey.secondaryKey")).isEqualTo(primary);
        assertThat((String) swapped.path("etag")).isNotEqualTo(created.path("etag"));

        Response renewed = given().auth().oauth2(TestTokens.admin()).post("/devices/reg-rotate-1/renewKey?keyType=primary")
                .then().statusCode(200).extract().response();
        assertThat((String) renewed.path("authentication.symmetricKey.primaryKey")).isNotIn(primary, secondary);
        assertThat((String) renewed.path("authentication.symmetricKey.secondaryKey")).isEqualTo(primary);

        given().auth().oauth2(TestTokens.admin()).post("/devices/reg-rotate-1/renewKey?keyType=tertiary").then().statusCode(400);
        // The audit trail says who created the device and renewed its keys, and holds no key.
        assertThat(TestDatabase.query("SELECT action, actor FROM twin.audit_event WHERE target = 'reg-rotate-1' ORDER BY id"))
                .extracting(row -> row.get("action") + " by " + row.get("actor"))
                .containsExactly("identity.create by test-user", "identity.renew-keys.swap by test-user", "identity.renew-keys.primary by test-user");
        assertThat(TestDatabase.count("SELECT count(*) FROM twin.audit_event WHERE coalesce(reason, '') LIKE ? OR target LIKE ?",
                "%" + primary + "%", "%" + primary + "%")).isZero();
        given().auth().oauth2(TestTokens.operator()).post("/devices/reg-rotate-1/renewKey?keyType=both").then().statusCode(403);
    }

    @Test
    void onlyAdminsChangeTheRegistryAndEachHubHasItsOwn() {
        given().auth().oauth2(TestTokens.operator()).contentType(ContentType.JSON).body("{}").put("/devices/reg-role-1").then().statusCode(403);
        given().auth().oauth2(TestTokens.reader()).delete("/devices/reg-role-1").then().statusCode(403);
        given().contentType(ContentType.JSON).body("{}").put("/devices/reg-role-1").then().statusCode(401);

        put("/devices/reg-hub-1", "{}", null).then().statusCode(200);
        given().auth().oauth2(TestTokens.reader()).queryParam("hub", OTHER_HUB).get("/devices/reg-hub-1").then().statusCode(404);
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).queryParam("hub", OTHER_HUB).body("{}")
                .put("/devices/reg-hub-1").then().statusCode(200);
        given().auth().oauth2(TestTokens.admin()).queryParam("hub", OTHER_HUB).delete("/devices/reg-hub-1").then().statusCode(204);
        given().auth().oauth2(TestTokens.reader()).get("/devices/reg-hub-1").then().statusCode(200);
        given().auth().oauth2(TestTokens.reader()).queryParam("hub", "not-a-resource-id").get("/devices/reg-hub-1").then().statusCode(400);
    }

    @Test
    void theDeviceListPagesInIdOrder() {
        for (String id : List.of("reg-page-c", "reg-page-a", "reg-page-b")) {
            put("/devices/" + id, "{}", null).then().statusCode(200);
        }
        // Other tests' devices sort before and after; page through all and keep ours.
        List<String> seen = new java.util.ArrayList<>();
        String continuation = null;
        int pages = 0;
        do {
            var request = given().auth().oauth2(TestTokens.reader()).queryParam("top", 2);
            if (continuation != null) {
                request.header("x-ms-continuation", continuation);
            }
            Response page = request.get("/devices").then().statusCode(200).extract().response();
            List<Map<String, Object>> devices = page.jsonPath().getList("$");
            assertThat(devices).hasSizeLessThanOrEqualTo(2);
            devices.forEach(device -> seen.add((String) device.get("deviceId")));
            continuation = page.header("x-ms-continuation");
            pages++;
        } while (continuation != null && pages < 500);
        assertThat(seen).isSorted().doesNotHaveDuplicates();
        assertThat(seen.stream().filter(id -> id.startsWith("reg-page-")).toList()).containsExactly("reg-page-a", "reg-page-b", "reg-page-c");
        given().auth().oauth2(TestTokens.reader()).queryParam("top", 1001).get("/devices").then().statusCode(400);
        given().auth().oauth2(TestTokens.admin()).contentType("application/json")
                .body("{\"statusReason\": \"" + "r".repeat(129) + "\"}").put("/devices/reg-long-reason")
                .then().statusCode(400).body("error.message", org.hamcrest.Matchers.containsString("128"));
    }

    private static Response put(String path, String body, String ifMatch) {
        var request = given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(body);
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        return request.put(path);
    }
}
