package io.vigil.query.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
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
     * PostgreSQL {@code work_mem} of every query ({@code SET LOCAL}, with a unit: {@code kB}, {@code MB} or
     * {@code GB}): what one sort or hash of a query may hold before it spills to disk; each sort or hash node of each
     * running query may take this much. 32MB lets the seed's alert summaries group the week's alerts in memory
     * (hash aggregation) instead of sorting them on disk, as the server's 4MB default makes them do: on the benchmark
     * data the hub summary ran in about 200 ms instead of 670-930 ms, the device summary in 360-450 ms instead of
     * 550-880 ms (README, Performance).
     */
    @WithDefault("32MB")
    String workMem();

    /**
     * The PostgreSQL role every query takes ({@code SET LOCAL ROLE}) inside its read-only transaction. The default
     * role is created by this service's migration with SELECT on the workspace tables only; another role must be
     * one the service user is a member of.
     */
    @WithDefault("vigil_query_reader")
    String readerRole();

    /**
     * The saved queries run with a plan PostgreSQL keeps for the connection (a generic plan, {@code plan_cache_mode
     * = force_generic_plan}) instead of one planned for each run's values. Each of these reads one device's rows
     * through the device index, for which one plan is right whatever the device; planning it again on every run
     * over the raw-event table's daily partitions cost more than running it (users-with-access: about 2 ms of
     * planning, 2.0 ms a run with a kept plan against 5.1 ms planned each time; README, Performance). A query whose
     * best plan depends on its values (a week's alerts grouped: device summary 600 ms generic against 350-400 ms)
     * stays with PostgreSQL's own choice.
     */
    @WithDefault("investigation-users-with-access,investigation-open-ports,investigation-user-logins,"
            + "investigation-process-list")
    List<String> genericPlanQueries();

    /** Saved queries (summaries) besides the built-in ones. */
    Summaries summaries();

    /** The one-call device investigation. */
    Investigation investigation();

    interface Summaries {

        /**
         * A directory of operator {@code <name>.kql} files, each a saved query (one named like a built-in replaces
         * it); none by default.
         */
        Optional<Path> directory();
    }

    interface Investigation {

        /** The saved queries an investigation runs, in order; each takes {@code device} and {@code hub}. */
        @WithDefault("investigation-related-alerts,investigation-users-with-access,investigation-open-ports,"
                + "investigation-user-logins,investigation-process-list")
        List<String> queries();
    }
}
