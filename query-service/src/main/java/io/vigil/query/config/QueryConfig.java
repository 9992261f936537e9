package io.vigil.query.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/** query-service settings; every one can be set through the environment (VIGIL_QUERY_...). */
@ConfigMapping(prefix = "vigil.query")
public interface QueryConfig {

    /** Longest a query may run in PostgreSQL before it is cancelled. */
    @WithDefault("30s")
    Duration statementTimeout();

    /** Most rows one query returns; more are cut and the response says so. */
    @WithDefault("10000")
    int maxRows();

    /** Longest query text taken, in characters. */
    @WithDefault("16384")
    int maxQueryLength();

    /**
     * A PostgreSQL role with read access to the workspace tables only, taken for every query
     * ({@code SET LOCAL ROLE}); queries run in read-only transactions either way.
     */
    Optional<String> readerRole();
}
