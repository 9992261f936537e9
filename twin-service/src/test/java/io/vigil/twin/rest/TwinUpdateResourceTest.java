package io.vigil.twin.rest;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.vigil.testing.TestTokens;
import io.vigil.testing.VigilTestResource;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

/** PATCH and PUT of twins over HTTP and the real PostgreSQL, read back through GET and the twin query language. */
@QuarkusTest
@QuarkusTestResource(VigilTestResource.class)
class TwinUpdateResourceTest {

    @Test
    void operatorsPatchTagsAndDesiredPropertiesAndQueriesSeeThem() {
        createDevice("upd-patch-1");
        Response before = given().auth().oauth2(TestTokens.reader()).get("/twins/upd-patch-1").then().extract().response();
        int version = before.path("version");

        Response patched = patch("/twins/upd-patch-1", "{\"tags\": {\"securityGroup\": \"plant-3\", \"site\": {\"city\": \"Lyon\"}},"
                + " \"properties\": {\"desired\": {\"telemetryInterval\": 30}}}", before.header("ETag"))
                .then().statusCode(200)
                .body("tags.securityGroup", equalTo("plant-3")).body("tags.site.city", equalTo("Lyon"))
                .body("properties.desired.telemetryInterval", equalTo(30))
                .body("properties.desired.$version", equalTo(2))
                .body("properties.desired.$metadata.telemetryInterval.$lastUpdatedVersion", equalTo(2))
                .body("version", equalTo(version + 1))
                .extract().response();
        assertThat(patched.header("ETag")).isNotEqualTo(before.header("ETag")).isEqualTo("\"" + patched.path("etag") + "\"");

        // The etag read before the patch no longer holds.
        patch("/twins/upd-patch-1", "{\"tags\": {\"site\": null}}", before.header("ETag")).then().statusCode(412)
                .body("error.code", equalTo("PreconditionFailed"));
        patch("/twins/upd-patch-1", "{\"tags\": {\"site\": null}}", null).then().statusCode(200);

        given().auth().oauth2(TestTokens.reader()).contentType(ContentType.JSON)
                .body("{\"query\": \"SELECT deviceId FROM devices WHERE tags.securityGroup = 'plant-3' AND NOT IS_DEFINED(tags.site)\"}")
                .post("/devices/query").then().statusCode(200).body("deviceId", equalTo(List.of("upd-patch-1")));
    }

    @Test
    void aPutReplacesTagsAndDesiredOfAModuleTwin() {
        createDevice("upd-put-1");
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body("{}").put("/devices/upd-put-1/modules/worker")
                .then().statusCode(200);
        patch("/twins/upd-put-1/modules/worker", "{\"tags\": {\"a\": 1, \"b\": 2}, \"properties\": {\"desired\": {\"x\": 1}}}", "*")
                .then().statusCode(200);
        given().auth().oauth2(TestTokens.operator()).contentType(ContentType.JSON)
                .body("{\"tags\": {\"c\": 3}, \"properties\": {\"desired\": {\"y\": 2}}}").put("/twins/upd-put-1/modules/worker")
                .then().statusCode(200)
                .body("tags", equalTo(java.util.Map.of("c", 3)))
                .body("properties.desired.y", equalTo(2)).body("properties.desired.x", org.hamcrest.Matchers.nullValue())
                .body("properties.desired.$version", equalTo(3)).body("moduleId", equalTo("worker"));
    }

    @Test
    void anAgentConfigurationTheAgentWouldRefuseIsRefusedWithTheReasons() {
        createDevice("upd-agent-1");
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body("{}")
                .put("/devices/upd-agent-1/modules/azureiotsecurity").then().statusCode(200);
        String path = "/twins/upd-agent-1/modules/azureiotsecurity";
        patch(path, "{\"properties\": {\"desired\": {\"ms_iotn:urn_azureiot_Security_SecurityAgentConfiguration\": {"
                + "\"highPriorityMessageFrequency\": {\"value\": \"PT7M\"}, \"eventPriorityLogin\": {\"value\": \"High\"}}}}}", null)
                .then().statusCode(200)
                .body("properties.desired.'ms_iotn:urn_azureiot_Security_SecurityAgentConfiguration'.highPriorityMessageFrequency.value",
                        equalTo("PT7M"));
        patch(path, "{\"properties\": {\"desired\": {\"ms_iotn:urn_azureiot_Security_SecurityAgentConfiguration\": {"
                + "\"maxMessageSizeInBytes\": {\"value\": 1}}}}}", null)
                .then().statusCode(400).body("error.code", equalTo("AgentConfigurationInvalid"))
                .body("error.message", containsString("maxMessageSizeInBytes must be between 8192 and 262144, not 1"));
        // Nothing of the refused change was stored.
        given().auth().oauth2(TestTokens.reader()).get(path).then().statusCode(200)
                .body("properties.desired.$version", equalTo(2))
                .body("properties.desired.'ms_iotn:urn_azureiot_Security_SecurityAgentConfiguration'.maxMessageSizeInBytes",
                        org.hamcrest.Matchers.nullValue());
    }

    @Test
    void readersCannotChangeTwinsAndMissingTwinsAre404() {
        createDevice("upd-role-1");
        given().auth().oauth2(TestTokens.reader()).contentType(ContentType.JSON).body("{\"tags\": {\"a\": 1}}")
                .patch("/twins/upd-role-1").then().statusCode(403);
        given().contentType(ContentType.JSON).body("{\"tags\": {\"a\": 1}}").patch("/twins/upd-role-1").then().statusCode(401);
        patch("/twins/upd-nobody", "{\"tags\": {\"a\": 1}}", null).then().statusCode(404).body("error.code", equalTo("DeviceNotFound"));
        patch("/twins/upd-role-1/modules/nothing", "{\"tags\": {\"a\": 1}}", null).then().statusCode(404)
                .body("error.code", equalTo("ModuleNotFound"));
        patch("/twins/upd-role-1", "{\"properties\": {\"reported\": {\"a\": 1}}}", null).then().statusCode(400)
                .body("error.code", equalTo("ArgumentInvalid")).body("error.message", notNullValue());
    }

    private static void createDevice(String deviceId) {
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body("{}").put("/devices/" + deviceId)
                .then().statusCode(200);
    }

    private static Response patch(String path, String body, String ifMatch) {
        var request = given().auth().oauth2(TestTokens.operator()).contentType(ContentType.JSON).body(body);
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        return request.patch(path);
    }
}
