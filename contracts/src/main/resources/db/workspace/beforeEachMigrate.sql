-- Flyway runs this in the transaction of every migration of every service that reads the workspace (ingest,
-- detection, query), whichever schema the migration is for. The services start together and each keeps its own
-- migration history, so without one lock a migration of one service could change a workspace table while another
-- service's migration changes the same catalog row: query-service's GRANT SELECT ON ALL TABLES against ingest's
-- ALTER TABLE ... ADD CONSTRAINT failed one start with "tuple concurrently updated". The workspace migrations
-- written before this callback take the same lock themselves; taking it twice in a transaction is harmless.
SELECT pg_advisory_xact_lock(7311001);
