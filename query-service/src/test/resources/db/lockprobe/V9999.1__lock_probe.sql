-- Takes no lock itself: records whether the migration transaction it runs in holds the workspace lock.
CREATE TABLE query.lock_probe AS
SELECT EXISTS (SELECT 1 FROM pg_locks
               WHERE locktype = 'advisory' AND classid = 0 AND objid = 7311001 AND objsubid = 1
                 AND pid = pg_backend_pid() AND granted) AS workspace_lock_held;
