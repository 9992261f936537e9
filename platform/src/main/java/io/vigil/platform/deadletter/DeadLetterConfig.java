package io.vigil.platform.deadletter;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.Optional;

@ConfigMapping(prefix = "vigil.dead-letters")
public interface DeadLetterConfig {

    /**
     * Whether the service parks messages and offers {@code /admin/dead-letters}. Read when the service is built
     * (the store and the resource exist only where it is true); declared here so that it is a known setting.
     */
    @WithDefault("false")
    boolean enabled();

    /**
     * The service's dead-letter table, {@code schema.table}, made by the service's own migration (id bigserial,
     * consumer, topic, payload bytea, reason, attempts, parked_at). Required where dead letters are enabled; the
     * mapping is shared by every service, so it cannot be required here.
     */
    Optional<String> table();

    /** Longest failure reason kept, in characters. */
    @WithDefault("2000")
    int maxReasonLength();
}
