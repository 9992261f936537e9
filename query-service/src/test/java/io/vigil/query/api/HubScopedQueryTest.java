package io.vigil.query.api;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vigil.testing.TestDatabase;
import io.vigil.testing.TestHub;
import io.vigil.testing.TestTokens;
import io.vigil.testing.VigilTestResource;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

/**
 * A token with a {@code hubs} claim reads only its hubs' rows, whatever the query names, and is refused an
 * investigation of another hub; a token without the claim reads every hub.
 */
@QuarkusTest
@QuarkusTestResource(VigilTestResource.class)
class HubScopedQueryTest {

    private static final String QUERY = "/v1/workspaces/local/query";
    private static final String KQL = "{\"query\": \"SecurityIoTRawEvent | where DeviceId startswith 'scope-'"
            + " | project DeviceId | order by DeviceId asc\"}";

    @Test
    void aHubScopedTokenReadsOnlyItsHubsRows() {
        if (TestDatabase.count("SELECT count(*) FROM workspace.security_iot_raw_event WHERE device_id LIKE 'scope-%'") == 0) {
            rawEvent(TestHub.RESOURCE_ID, "scope-mine");
            rawEvent(TestHub.OTHER_RESOURCE_ID, "scope-theirs");
        }
        String scoped = TestTokens.scopedTo(List.of(TestHub.NAME), "reader");

        given().auth().oauth2(scoped).contentType(ContentType.JSON).body(KQL).post(QUERY).then().statusCode(200)
                .body("tables[0].rows", equalTo(List.of(List.of("scope-mine"))));
        given().auth().oauth2(TestTokens.reader()).contentType(ContentType.JSON).body(KQL).post(QUERY).then().statusCode(200)
                .body("tables[0].rows", equalTo(List.of(List.of("scope-mine"), List.of("scope-theirs"))));
        // Naming the other hub in the query does not reach it either.
        given().auth().oauth2(scoped).contentType(ContentType.JSON)
                .body("{\"query\": \"SecurityIoTRawEvent | where _ResourceId == '" + TestHub.OTHER_RESOURCE_ID + "' | count\"}")
                .post(QUERY).then().statusCode(200).body("tables[0].rows[0][0]", equalTo(0));

        given().auth().oauth2(scoped).queryParam("hub", TestHub.OTHER_NAME).get("/v1/workspaces/local/devices/scope-theirs/investigation")
                .then().statusCode(403).body("error.code", equalTo("hub.forbidden"));
        given().auth().oauth2(scoped).queryParam("hub", TestHub.NAME).get("/v1/workspaces/local/devices/scope-mine/investigation")
                .then().statusCode(200);
    }

    private static void rawEvent(String hub, String device) {
        TestDatabase.execute("INSERT INTO workspace.security_iot_raw_event (time_stamp, associated_resource_id, device_id,"
                + " iot_raw_event_id, payload_index, raw_event_name, raw_event_category, raw_event_type, is_empty, event_details)"
                + " VALUES (now() - interval '1 hour', ?, ?, gen_random_uuid()::text, 0, 'LocalUsers', 'Periodic', 'Security',"
                + " false, '{}')", hub, device);
    }
}
