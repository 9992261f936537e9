package io.vigil.platform.json;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/**
 * Puts {@link JsonLimitsConfig} on the shared mapper, so a request body nested deeper than allowed fails while it is
 * parsed (Quarkus REST answers 400) before any tree is built.
 */
@Singleton
public class JsonLimits implements ObjectMapperCustomizer {

    private final JsonLimitsConfig config;

    JsonLimits(JsonLimitsConfig config) {
        this.config = config;
    }

    @Override
    public void customize(ObjectMapper mapper) {
        StreamReadConstraints current = mapper.getFactory().streamReadConstraints();
        mapper.getFactory().setStreamReadConstraints(current.rebuild().maxNestingDepth(config.maxDepth()).build());
    }
}
