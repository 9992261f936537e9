package io.vigil.twin.rest;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.config.HttpClientConfig;
import io.restassured.http.ContentType;
import io.vigil.testing.Infrastructure;
import io.vigil.testing.TestTokens;
import io.vigil.testing.VigilTestResource;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;

/**
 * A twin query runs in a read-only transaction under {@code vigil_twin_query_reader}, which cannot read the
 * identities' keys, and is cancelled at {@code vigil.twin.query.statement-timeout} with a 408.
 */
@QuarkusTest
@TestProfile(TwinQueryLimitsTest.OneSecond.class)
@QuarkusTestResource(VigilTestResource.class)
class TwinQueryLimitsTest {

    public static class OneSecond implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("vigil.twin.query.statement-timeout", "1s");
        }
    }

    private static final String QUERY = "{\"query\": \"SELECT * FROM devices\"}";

    @Test
    void aQueryLongerThanTheStatementTimeoutIsA408() throws SQLException {
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body("{}").put("/devices/limits-1").then().statusCode(200);
        given().auth().oauth2(TestTokens.reader()).contentType(ContentType.JSON).body(QUERY).post("/devices/query").then().statusCode(200);
        // Holding the table locked, the query waits until the timeout cancels it.
        try (Connection lock = Infrastructure.shared().connect(VigilTestResource.defaultDatabaseName());
             Statement statement = lock.createStatement()) {
            lock.setAutoCommit(false);
            statement.execute("LOCK TABLE twin.twin IN ACCESS EXCLUSIVE MODE");
            // Without the timeout the query would wait on the lock for good: the client gives up after 15 s instead,
            // so that the test fails rather than hangs.
            given().config(RestAssured.config().httpClient(HttpClientConfig.httpClientConfig()
                            .setParam("http.socket.timeout", 15_000)))
                    .auth().oauth2(TestTokens.reader()).contentType(ContentType.JSON).body(QUERY).post("/devices/query")
                    .then().statusCode(408).body("error.code", equalTo("query.timeout"));
            lock.rollback();
        }
        given().auth().oauth2(TestTokens.reader()).contentType(ContentType.JSON).body(QUERY).post("/devices/query").then().statusCode(200);
    }

    @Test
    void theQueryRoleReadsTheTwinsButNotTheKeys() throws SQLException {
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body("{}").put("/devices/limits-2").then().statusCode(200);
        try (Connection connection = Infrastructure.shared().connect(VigilTestResource.defaultDatabaseName());
             Statement statement = connection.createStatement()) {
            connection.setAutoCommit(false);
            statement.execute("SET LOCAL ROLE vigil_twin_query_reader");
            assertThat(statement.executeQuery("SELECT count(*) FROM twin.twin WHERE document ? 'deviceId'").next()).isTrue();
            assertThatThrownBy(() -> statement.executeQuery("SELECT primary_key FROM twin.twin"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("permission denied");
            connection.rollback();
        }
        try (Connection connection = Infrastructure.shared().connect(VigilTestResource.defaultDatabaseName());
             Statement statement = connection.createStatement()) {
            connection.setAutoCommit(false);
            statement.execute("SET LOCAL ROLE vigil_twin_query_reader");
            assertThatThrownBy(() -> statement.executeQuery("SELECT * FROM twin.audit_event"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("permission denied");
            connection.rollback();
        }
    }
}
