package io.vigil.twin.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** twin-service settings; every one can be set through the environment (VIGIL_TWIN_...). */
@ConfigMapping(prefix = "vigil.twin")
public interface TwinConfig {

    /** Register a device (and its security module twin) when its first security message arrives. */
    @WithDefault("true")
    boolean autoRegister();

    /**
     * How far behind a device's newest event its twins' {@code lastActivityTime} may fall before they are rewritten
     * with it. Like IoT Hub's, the value is eventually consistent: rewriting a twin for every message would
     * re-index its document every time a device talks.
     */
    @WithDefault("60s")
    java.time.Duration activityGranularity();

    /** Twins whose stored lastActivityTime a replica remembers, so that sightings it knows change nothing cost no statement. */
    @WithDefault("100000")
    int activityCacheSize();

    /** The module whose twin carries alert and recommendation tags, as the reference's twin queries expect. */
    @WithDefault("Microsoft.Security")
    String securityModuleId();

    /**
     * The hub that API calls address when they name none ({@code ?hub=} takes a hub resource id).
     */
    @WithDefault("/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/vigil/providers/Microsoft.Devices/IotHubs/vigil-hub")
    String defaultHub();

    /** Shared-subscription group on the event feed, the findings topics and devices' twin requests. */
    @WithDefault("vigil-twin")
    String subscriptionGroup();

    DeviceChannel deviceChannel();

    /** Devices' own twin topics: reading their twin, reporting properties. */
    interface DeviceChannel {
        /** Twin operations one device may make per second; more are answered 429. */
        @WithDefault("10")
        int operationsPerSecond();

        /** Largest twin request body taken, in bytes (a properties section holds at most 32 KiB). */
        @WithDefault("65536")
        int maxMessageBytes();
    }

    Query query();

    /** The twin query language ({@code POST /devices/query}). */
    interface Query {
        /** Longest a query may run; past it the statement is cancelled and the caller gets a 408 {@code query.timeout}. */
        @WithDefault("30s")
        java.time.Duration statementTimeout();

        /**
         * The PostgreSQL role every query takes ({@code SET LOCAL ROLE}) in its read-only transaction: it may read
         * the twins' hub, ids, document and key paths and nothing else, not the identities' keys beside them
         * (migration V2026.12.03.7), so that even a compiler defect cannot reach them.
         */
        @WithDefault("vigil_twin_query_reader")
        String readerRole();
    }

    BrokerAuth brokerAuth();

    TwinUpdates twinUpdates();

    /** Twin updates reported as hub events, for detection's {@code TwinUpdatesNotInAllowedRange} rule. */
    interface TwinUpdates {
        /** A device's twin updates are reported once per interval, with their count. */
        @WithDefault("60s")
        java.time.Duration reportInterval();

        /** Devices whose updates one interval tracks; beyond that, updates of further devices are not reported. */
        @WithDefault("100000")
        int maxTracked();
    }

    /** The brokers' authentication backend ({@code /broker/authenticate}). */
    interface BrokerAuth {
        /** Refused logins of one device and reason are reported at most once per interval, with their count. */
        @WithDefault("60s")
        java.time.Duration failureReportInterval();

        /** Devices whose refusals one interval tracks; beyond that, refusals are only counted in the metrics. */
        @WithDefault("100000")
        int maxTrackedFailures();
    }
}
