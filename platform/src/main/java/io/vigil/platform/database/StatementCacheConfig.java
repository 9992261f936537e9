package io.vigil.platform.database;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The reactive client's cache of prepared statements, per pooled connection. With it a statement the service runs
 * again (every query of the ingest and detection pipelines, and an operator's query compiled to the same text with
 * other bound values) is parsed by PostgreSQL once per connection instead of on every run, and after a few runs
 * PostgreSQL may keep its plan too, as it does for the JDBC driver's server-prepared statements.
 */
@ConfigMapping(prefix = "vigil.db.statement-cache")
public interface StatementCacheConfig {

    /** Whether statements are kept prepared at all. */
    @WithDefault("true")
    boolean enabled();

    /** Statements kept per connection, the least recently used closed first. */
    @WithDefault("256")
    int size();

    /**
     * Longest statement text kept, in characters. The client's own default (2,048) leaves out most compiled KQL and
     * twin queries, whose text is several thousand characters.
     */
    @WithDefault("32768")
    int maxSqlLength();
}
