package io.vigil.simulator.fleet;

import io.vigil.simulator.identity.DeviceLogins;
import io.vigil.simulator.scenario.FleetPlan;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Everything a fleet run needs. Build one with {@link #builder(String, int, FleetPlan)}; the defaults match the
 * command line's.
 *
 * @param rate            messages per second for the whole fleet; 0 means as fast as PUBACKs come back
 * @param duration        stop sending after this long (empty: no time limit)
 * @param messageLimit    stop after sending this many messages (empty: no count limit)
 * @param usernameTemplate MQTT user name per device, {@code {deviceId}} replaced (empty: no user name)
 * @param password        MQTT password, {@code {deviceId}} replaced (empty: no password)
 * @param connectRate     new connections opened per second at start-up, so a large fleet does not storm the broker
 * @param stallTimeout    give up when nothing is acknowledged (or nothing connects) for this long
 * @param logins          registry keys of the devices, when they log in with SAS tokens (these win over the templates)
 * @param publishListener hears of every message's PUBACK or its absence
 */
public record FleetConfig(String brokerHost, int brokerPort, FleetPlan plan, String scenarioLabel, long seed,
                          double rate, int eventsPerMessage, int maxInFlight, Optional<Duration> duration,
                          OptionalLong messageLimit, Optional<String> usernameTemplate, Optional<String> password,
                          int connectRate, Duration connectTimeout, Duration ackTimeout, Duration drainTimeout,
                          Duration stallTimeout, Optional<DeviceLogins> logins,
                          PublishListener publishListener) {

    public FleetConfig {
        Objects.requireNonNull(brokerHost, "brokerHost");
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(publishListener, "publishListener");
        if (plan.size() == 0) {
            throw new IllegalArgumentException("a fleet needs at least one device");
        }
        if (rate < 0) {
            throw new IllegalArgumentException("rate cannot be negative");
        }
        if (eventsPerMessage < 1 || maxInFlight < 1 || connectRate < 1) {
            throw new IllegalArgumentException("events per message, max in flight and connect rate must be positive");
        }
        if (duration.isEmpty() && messageLimit.isEmpty()) {
            throw new IllegalArgumentException("a run needs a duration or a message limit to stop");
        }
    }

    public static Builder builder(String brokerHost, int brokerPort, FleetPlan plan) {
        return new Builder(brokerHost, brokerPort, plan);
    }

    /** MQTT user name of a device, if any. */
    Optional<String> usernameFor(String deviceId) {
        return logins.flatMap(l -> l.username(deviceId)).or(() -> usernameTemplate.map(t -> t.replace("{deviceId}", deviceId)));
    }

    /** The device's password: a fresh SAS token when it logs in with its registry key, else the fixed one, if any. */
    Optional<String> passwordFor(String deviceId) {
        return logins.flatMap(l -> l.password(deviceId)).or(() -> password.map(p -> p.replace("{deviceId}", deviceId)));
    }

    /** Fluent construction with the command line's defaults. */
    public static final class Builder {

        private final String brokerHost;
        private final int brokerPort;
        private final FleetPlan plan;
        private String scenarioLabel = "custom";
        private long seed;
        private double rate = 100;
        private int eventsPerMessage = 10;
        private int maxInFlight = 10;
        private Optional<Duration> duration = Optional.empty();
        private OptionalLong messageLimit = OptionalLong.empty();
        private Optional<String> usernameTemplate = Optional.empty();
        private Optional<String> password = Optional.empty();
        private int connectRate = 1000;
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration ackTimeout = Duration.ofSeconds(10);
        private Duration drainTimeout = Duration.ofSeconds(10);
        private Duration stallTimeout = Duration.ofSeconds(30);
        private Optional<DeviceLogins> logins = Optional.empty();
        private PublishListener publishListener = PublishListener.NONE;

        private Builder(String brokerHost, int brokerPort, FleetPlan plan) {
            this.brokerHost = brokerHost;
            this.brokerPort = brokerPort;
            this.plan = plan;
        }

        public Builder scenarioLabel(String scenarioLabel) {
            this.scenarioLabel = scenarioLabel;
            return this;
        }

        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        public Builder rate(double rate) {
            this.rate = rate;
            return this;
        }

        public Builder eventsPerMessage(int eventsPerMessage) {
            this.eventsPerMessage = eventsPerMessage;
            return this;
        }

        public Builder maxInFlight(int maxInFlight) {
            this.maxInFlight = maxInFlight;
            return this;
        }

        public Builder duration(Duration duration) {
            this.duration = Optional.of(duration);
            return this;
        }

        public Builder messageLimit(long messages) {
            this.messageLimit = OptionalLong.of(messages);
            return this;
        }

        public Builder credentials(String usernameTemplate, String password) {
            this.usernameTemplate = Optional.ofNullable(usernameTemplate);
            this.password = Optional.ofNullable(password);
            return this;
        }

        public Builder connectRate(int connectRate) {
            this.connectRate = connectRate;
            return this;
        }

        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = connectTimeout;
            return this;
        }

        public Builder ackTimeout(Duration ackTimeout) {
            this.ackTimeout = ackTimeout;
            return this;
        }

        public Builder drainTimeout(Duration drainTimeout) {
            this.drainTimeout = drainTimeout;
            return this;
        }

        /** Devices log in with SAS tokens signed by their registry keys. */
        public Builder logins(DeviceLogins logins) {
            this.logins = Optional.of(logins);
            return this;
        }

        public Builder stallTimeout(Duration stallTimeout) {
            this.stallTimeout = stallTimeout;
            return this;
        }

        public Builder publishListener(PublishListener publishListener) {
            this.publishListener = publishListener;
            return this;
        }

        public FleetConfig build() {
            return new FleetConfig(brokerHost, brokerPort, plan, scenarioLabel, seed, rate, eventsPerMessage,
                    maxInFlight, duration, messageLimit, usernameTemplate, password, connectRate, connectTimeout,
                    ackTimeout, drainTimeout, stallTimeout, logins, publishListener);
        }
    }
}
