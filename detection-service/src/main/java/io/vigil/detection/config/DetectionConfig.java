package io.vigil.detection.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** detection-service settings; every one can be set through the environment (VIGIL_DETECTION_...). */
@ConfigMapping(prefix = "vigil.detection")
public interface DetectionConfig {

    /** The operator's own rule files, added to the built-in catalog (comma-separated paths). */
    Optional<List<String>> ruleFiles();

    /** Shared-subscription group on the event feed: replicas with the same group split it. */
    @WithDefault("vigil-detection")
    String subscriptionGroup();

    /** Broker connections taking the feed, each with its own batch in flight. */
    @WithDefault("2")
    int consumers();

    /**
     * Most feed publications handled in one transaction; each carries the agent messages of one hub from one of
     * ingest's written batches (up to {@code vigil.ingest.feed.max-batch-bytes}).
     */
    @WithDefault("8")
    int batchMaxMessages();

    /** How long the first feed message of a batch may wait for company. */
    @WithDefault("3ms")
    Duration batchLinger();

    /** One alert per device, type and window: repeats inside the window update it instead of raising a new one. */
    @WithDefault("P1D")
    Duration alertWindow();

    /** How long event ids are remembered to recognise a redelivered feed message; older ones are pruned hourly. */
    @WithDefault("P7D")
    Duration rememberEvents();

    BruteForce bruteForce();

    Silence silence();

    CustomAlerts customAlerts();

    ThreatIntel threatIntel();

    interface BruteForce {
        /** Failed logins from one address that make an attack. */
        @WithDefault("8")
        int failures();

        /** Within how long those failures must fall. */
        @WithDefault("120s")
        Duration window();

        /** How far back a successful login looks for the failures that make it a successful attack. */
        @WithDefault("240s")
        Duration successLookBack();
    }

    interface Silence {
        /** A device that sent nothing for this long raises DeviceSilent. */
        @WithDefault("72h")
        Duration after();

        /** How often the scan for silent devices runs (one replica at a time does it). */
        @WithDefault("10m")
        String scanEvery();
    }

    interface CustomAlerts {
        /** How often the scan for time windows with too few activities runs (every replica runs it; each window is checked once). */
        @WithDefault("1m")
        String scanEvery();

        /** How long after a window ends its count is taken as final: events that arrive later miss the minimum check. */
        @WithDefault("1m")
        Duration grace();

        /** How far back the scan looks for closed windows not checked yet (after a time when no replica ran). */
        @WithDefault("1h")
        Duration scanLookBack();

        /** How long window counts and scan marks are kept; longer than the longest window (P1D) plus the look-back. */
        @WithDefault("P2D")
        Duration keep();
    }

    /**
     * The operator's threat-intelligence lists: plain text files, one entry a line, {@code #} comments. None by
     * default, and then IoT_TiConnection and IoT_PossibleMalware are never raised.
     */
    interface ThreatIntel {
        /** Files of IPv4/IPv6 addresses and CIDR ranges; a connection with such a remote address raises IoT_TiConnection. */
        Optional<List<String>> addressFiles();

        /**
         * Files of malicious download sources: domains (a listed domain covers its subdomains), addresses and CIDR
         * ranges; a download tool run on one raises IoT_PossibleMalware.
         */
        Optional<List<String>> malwareSourceFiles();
    }
}
