-- SecurityAlert's device_id (the index key of device queries, not a Log Analytics column) must hold exactly what
-- KQL reads as tostring(parse_json(ExtendedProperties)["DeviceId"]): the member's text, '' when it is missing or
-- null. query-service then reads the column for that expression instead of parsing every alert's JSON, which is
-- most of the time of the seed's device and hub summaries. The constraint also makes ExtendedProperties valid JSON.
-- Every service runs the workspace migrations under its own history, so this one runs once, under the lock.
SELECT pg_advisory_xact_lock(7311001);

DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_constraint
                   WHERE conname = 'security_alert_device_id_agrees'
                     AND conrelid = 'workspace.security_alert'::regclass) THEN
        -- Rows written before the constraint: the JSON is what operators read, so the column follows it.
        UPDATE workspace.security_alert
        SET device_id = coalesce(NULLIF(extended_properties::jsonb, 'null'::jsonb) -> 'DeviceId' #>> '{}', '')
        WHERE device_id IS DISTINCT FROM coalesce(NULLIF(extended_properties::jsonb, 'null'::jsonb) -> 'DeviceId' #>> '{}', '');
        ALTER TABLE workspace.security_alert ADD CONSTRAINT security_alert_device_id_agrees
            CHECK (device_id = coalesce(NULLIF(extended_properties::jsonb, 'null'::jsonb) -> 'DeviceId' #>> '{}', ''));
    END IF;
END
$$;
