package io.vigil.platform.health;

import io.vigil.platform.broker.BrokerConnection;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** A service is ready only while its broker connection is up; the database check comes with the datasource. */
@Readiness
@ApplicationScoped
public class BrokerReadinessCheck implements HealthCheck {

    private final BrokerConnection broker;

    BrokerReadinessCheck(BrokerConnection broker) {
        this.broker = broker;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("MQTT broker")
                .status(broker.isReady())
                .withData("broker", broker.describe())
                .withData("clientId", broker.clientId())
                .build();
    }
}
