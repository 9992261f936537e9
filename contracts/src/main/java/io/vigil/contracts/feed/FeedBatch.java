package io.vigil.contracts.feed;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.List;

/**
 * The body of one feed publication: accepted agent messages of one hub, in the order ingest stored them.
 *
 * @param version  {@link #CURRENT_VERSION}; a consumer skips what it does not know
 * @param messages one or more agent messages
 */
@RegisterForReflection
public record FeedBatch(int version, List<FeedMessage> messages) {

    public static final int CURRENT_VERSION = 2;

    public static FeedBatch of(FeedMessage... messages) {
        return new FeedBatch(CURRENT_VERSION, List.of(messages));
    }

    public static FeedBatch of(List<FeedMessage> messages) {
        return new FeedBatch(CURRENT_VERSION, List.copyOf(messages));
    }
}
