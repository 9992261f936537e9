-- Every key path of a twin document, its names lower-cased (ASCII letters only, whatever the database's locale) and
-- joined by chr(31), e.g. 'tags' || chr(31) || 'alerts' || chr(31) || 'iot_bruteforce_success'. Names starting
-- with '$' ($metadata, $version) are left out with everything below them.
--
-- Why: the twin query language matches user-chosen names ignoring case, which takes a JSON path search with a
-- case-insensitive regular expression whenever the exact spelling is not in a twin. Most twins of a fleet lack the
-- tag a query asks about, so that search ran for nearly every row; a lookup in this array first tells whether any
-- spelling of the path exists at all, and the search now runs only for the twins that have one.
CREATE FUNCTION twin.key_paths(document jsonb) RETURNS text[]
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
    WITH RECURSIVE walk(path, value) AS (
        SELECT lower(e.key COLLATE "C"), e.value
        FROM jsonb_each(CASE WHEN jsonb_typeof(document) = 'object' THEN document ELSE '{}'::jsonb END) AS e
        WHERE left(e.key, 1) <> '$'
        UNION ALL
        SELECT walk.path || chr(31) || lower(e.key COLLATE "C"), e.value
        FROM walk, jsonb_each(CASE WHEN jsonb_typeof(walk.value) = 'object' THEN walk.value ELSE '{}'::jsonb END) AS e
        WHERE left(e.key, 1) <> '$'
    )
    SELECT coalesce(array_agg(path), '{}') FROM walk
$$;

ALTER TABLE twin.twin ADD COLUMN key_paths text[] GENERATED ALWAYS AS (twin.key_paths(document)) STORED;
