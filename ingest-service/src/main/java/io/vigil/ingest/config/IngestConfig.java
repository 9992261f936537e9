package io.vigil.ingest.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** ingest-service settings; every one can be set through the environment (VIGIL_INGEST_...). */
@ConfigMapping(prefix = "vigil.ingest")
public interface IngestConfig {

    /**
     * Broker connections that take device traffic, each with its own in-flight window and batch; more of them
     * let more batches be written at once.
     */
    @WithDefault("4")
    int consumers();

    /** Shared-subscription group: replicas with the same group split the device traffic between them. */
    @WithDefault("vigil-ingest")
    String subscriptionGroup();

    /**
     * Take telemetry without the security interface id ({@code $.ifid}) in its property bag when its body is
     * a valid security envelope. Off by default: IoT Hub routes only marked messages to the security pipeline.
     */
    @WithDefault("false")
    boolean acceptUnmarked();

    Limits limits();

    Batch batch();

    Retention retention();

    Feed feed();

    interface Limits {
        /** Largest message body taken, in bytes; the agent's own maximum is 256 KiB. */
        @WithDefault("262144")
        int maxMessageBytes();

        /** Deepest JSON nesting taken. */
        @WithDefault("32")
        int maxJsonDepth();

        /** Most events in one message. */
        @WithDefault("1000")
        int maxEvents();

        /** Most payload items in one event. */
        @WithDefault("10000")
        int maxPayloadItems();

        /** Longest JSON string value, in characters. */
        @WithDefault("65536")
        int maxStringLength();
    }

    interface Batch {
        /** Most messages written in one database transaction. */
        @WithDefault("400")
        int maxMessages();

        /** How long the first message of a batch may wait for others before the batch is written. */
        @WithDefault("3ms")
        Duration linger();

        /** First wait before retrying a batch the database refused; doubles up to 10 s. */
        @WithDefault("200ms")
        Duration retryDelay();
    }

    interface Retention {
        /** How long raw events are kept; whole days are dropped once all their events are older. */
        @WithDefault("30")
        int rawEventDays();

        /** How many daily partitions exist ahead of today. */
        @WithDefault("3")
        int partitionDaysAhead();

        /** How many daily partitions exist behind today, for devices whose events arrive late. */
        @WithDefault("7")
        int partitionDaysBehind();
    }

    interface Feed {
        /**
         * Largest feed publication, in bytes: a written batch's messages of one hub go out together up to this size
         * (a single bigger message goes alone). Keep it under the consumers' {@code vigil.broker.max-message-size}.
         */
        @WithDefault("524288")
        int maxBatchBytes();
    }
}
