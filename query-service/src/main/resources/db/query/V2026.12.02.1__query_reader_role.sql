-- The role every KQL query runs under (SET LOCAL ROLE in its transaction): it can read the workspace tables and
-- nothing else, so even a compiler defect cannot reach other schemas or write anything. NOLOGIN: it is only ever
-- taken by the service's own user, which is made a member here.
--
-- Roles are cluster-wide while this migration runs once per database, so creation tolerates an existing role
-- (several databases of one cluster, or services migrating at the same moment). A service user without
-- CREATEROLE fails here with a hint; a DBA can then create the role and grant it once, and the migration goes on.
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'vigil_query_reader') THEN
        BEGIN
            CREATE ROLE vigil_query_reader NOLOGIN;
        EXCEPTION
            WHEN duplicate_object OR unique_violation THEN NULL;
            WHEN insufficient_privilege THEN
                RAISE EXCEPTION 'the role vigil_query_reader does not exist and % may not create it', current_user
                    USING HINT = 'as a superuser: CREATE ROLE vigil_query_reader NOLOGIN; GRANT vigil_query_reader TO '
                        || current_user || ';';
        END;
    END IF;
    IF NOT pg_has_role(current_user, 'vigil_query_reader', 'MEMBER') THEN
        EXECUTE format('GRANT vigil_query_reader TO %I', current_user);
    END IF;
END
$$;

GRANT USAGE ON SCHEMA workspace TO vigil_query_reader;
GRANT SELECT ON ALL TABLES IN SCHEMA workspace TO vigil_query_reader;
-- Workspace tables created later by this same user (new migrations, daily partitions) are readable too.
ALTER DEFAULT PRIVILEGES IN SCHEMA workspace GRANT SELECT ON TABLES TO vigil_query_reader;
