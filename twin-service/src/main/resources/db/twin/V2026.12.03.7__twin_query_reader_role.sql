-- The role every twin query runs under (SET LOCAL ROLE in its read-only transaction): it may read the twins' hub,
-- ids, document and key paths and nothing else: not the identities' keys or generation ids beside them, not any
-- other table. NOLOGIN: only the service's own user takes it, made a member here.
--
-- Roles are cluster-wide while this migration runs once per database, so creation tolerates an existing role. A
-- service user without CREATEROLE fails here with a hint; a DBA can then create and grant the role once.
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'vigil_twin_query_reader') THEN
        BEGIN
            CREATE ROLE vigil_twin_query_reader NOLOGIN;
        EXCEPTION
            WHEN duplicate_object OR unique_violation THEN NULL;
            WHEN insufficient_privilege THEN
                RAISE EXCEPTION 'the role vigil_twin_query_reader does not exist and % may not create it', current_user
                    USING HINT = 'as a superuser: CREATE ROLE vigil_twin_query_reader NOLOGIN; GRANT vigil_twin_query_reader TO '
                        || current_user || ';';
        END;
    END IF;
    IF NOT pg_has_role(current_user, 'vigil_twin_query_reader', 'MEMBER') THEN
        EXECUTE format('GRANT vigil_twin_query_reader TO %I', current_user);
    END IF;
END
$$;

GRANT USAGE ON SCHEMA twin TO vigil_twin_query_reader;
GRANT SELECT (hub, device_id, module_id, document, updated_at, key_paths) ON twin.twin TO vigil_twin_query_reader;
