package io.vigil.testing;

import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

/**
 * What every service promises its orchestrator: ready only with a working database and broker connection,
 * alive while the process runs. A service's test class extends this and carries the {@code @QuarkusTest}.
 */
public abstract class ReadinessContract {

    @Test
    void readyWithDatabaseAndBroker() {
        given().when().get("/q/health/ready").then()
                .statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItems("MQTT broker"))
                .body("checks.find { it.name == 'MQTT broker' }.status", equalTo("UP"))
                .body("checks.findAll { it.name.contains('Database') }.status", hasItems("UP"));
    }

    @Test
    void aliveAndExposingMetrics() {
        given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().when().get("/q/metrics").then().statusCode(200);
    }
}
