package io.vigil.platform.json;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Limits of the JSON a service reads with its shared mapper: request bodies of every API and the notices services
 * send each other. Ingest reads agent messages with a parser of its own and limits of its own
 * ({@code vigil.ingest.limits.*}).
 */
@ConfigMapping(prefix = "vigil.json")
public interface JsonLimitsConfig {

    /**
     * Deepest nesting of objects and arrays. The deepest document any API takes is a twin (10 levels of properties
     * inside a section, a few more around it); Jackson's own default of 1000 would let a small body cost deep
     * recursion in every reader that walks the tree.
     */
    @WithDefault("64")
    int maxDepth();
}
