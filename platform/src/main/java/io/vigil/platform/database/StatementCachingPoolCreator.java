package io.vigil.platform.database;

import io.quarkus.reactive.pg.client.PgPoolCreator;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnectOptions;
import jakarta.inject.Singleton;

import java.util.List;

/**
 * Builds every service's reactive PostgreSQL pool from Quarkus's own settings, with the prepared-statement cache of
 * {@link StatementCacheConfig}: Quarkus exposes only its on/off switch, not the longest statement it keeps.
 */
@Singleton
public class StatementCachingPoolCreator implements PgPoolCreator {

    private final StatementCacheConfig config;

    StatementCachingPoolCreator(StatementCacheConfig config) {
        this.config = config;
    }

    @Override
    public Pool create(Input input) {
        List<PgConnectOptions> servers = input.pgConnectOptionsList();
        for (PgConnectOptions server : servers) {
            server.setCachePreparedStatements(config.enabled())
                    .setPreparedStatementCacheMaxSize(config.size())
                    .setPreparedStatementCacheSqlLimit(config.maxSqlLength());
        }
        return PgBuilder.pool().with(input.poolOptions()).connectingTo(List.<SqlConnectOptions>copyOf(servers)).using(input.vertx()).build();
    }
}
