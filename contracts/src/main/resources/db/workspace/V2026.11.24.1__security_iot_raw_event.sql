-- SecurityIoTRawEvent: one row per payload item of an agent event (an empty snapshot gets one row).
-- Shared by several services (ingest writes it, detection and query read it), so every service that uses it
-- runs this migration; the advisory lock lets them start at the same time.
SELECT pg_advisory_xact_lock(7311001);

CREATE SCHEMA IF NOT EXISTS workspace;

CREATE TABLE IF NOT EXISTS workspace.security_iot_raw_event (
    time_stamp             timestamptz NOT NULL,  -- TimeStamp: the event's TimestampUTC
    time_generated         timestamptz NOT NULL DEFAULT now(),  -- TimeGenerated: when Vigil stored it
    associated_resource_id text        NOT NULL,  -- AssociatedResourceId: the hub's resource id
    device_id              text        NOT NULL,  -- DeviceId: from the MQTT topic
    iot_raw_event_id       text        NOT NULL,  -- IoTRawEventId: the event's Id
    payload_index          integer     NOT NULL,  -- which payload item of the event this row is
    raw_event_name         text        NOT NULL,  -- RawEventName: Name (ProcessCreate, Login, ...)
    raw_event_category     text        NOT NULL,  -- RawEventCategory: Periodic, Triggered, Aggregated
    raw_event_type         text        NOT NULL,  -- RawEventType: Security, Operational, Diagnostic
    is_empty               boolean     NOT NULL,  -- IsEmpty
    agent_version          text,                  -- AgentVersion
    agent_id               text,
    module_id              text,
    azure_subscription_id  text,                  -- AzureSubscriptionId: from the hub's resource id
    event_details          text        NOT NULL,  -- EventDetails: compact JSON, payload keys plus envelope fields
    -- A redelivered or duplicated message maps to the same key and is not stored twice.
    PRIMARY KEY (associated_resource_id, device_id, iot_raw_event_id, payload_index, time_stamp)
) PARTITION BY RANGE (time_stamp);

-- Events whose time lies outside every daily partition (devices with a wrong clock) land here.
CREATE TABLE IF NOT EXISTS workspace.security_iot_raw_event_default
    PARTITION OF workspace.security_iot_raw_event DEFAULT;

-- The investigation queries filter on device and event name, then time.
CREATE INDEX IF NOT EXISTS security_iot_raw_event_device_name_time
    ON workspace.security_iot_raw_event (device_id, raw_event_name, time_stamp);

-- Daily partitions from one day to another (inclusive). Safe to call from several replicas at once. Rows that
-- reached the default partition before their day's partition existed are moved into it.
CREATE OR REPLACE FUNCTION workspace.ensure_raw_event_partitions(first_day date, last_day date)
RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
    day date := first_day;
    created integer := 0;
    partition_name text;
BEGIN
    PERFORM pg_advisory_xact_lock(7311002);
    WHILE day <= last_day LOOP
        partition_name := 'security_iot_raw_event_' || to_char(day, 'YYYYMMDD');
        IF to_regclass('workspace.' || partition_name) IS NULL THEN
            EXECUTE format('CREATE TABLE workspace.%I (LIKE workspace.security_iot_raw_event INCLUDING DEFAULTS)', partition_name);
            EXECUTE format('WITH moved AS (DELETE FROM workspace.security_iot_raw_event_default'
                           ' WHERE time_stamp >= %L AND time_stamp < %L RETURNING *) INSERT INTO workspace.%I SELECT * FROM moved',
                           (day::timestamp AT TIME ZONE 'UTC'), ((day + 1)::timestamp AT TIME ZONE 'UTC'), partition_name);
            EXECUTE format('ALTER TABLE workspace.security_iot_raw_event ATTACH PARTITION workspace.%I FOR VALUES FROM (%L) TO (%L)',
                           partition_name, (day::timestamp AT TIME ZONE 'UTC'), ((day + 1)::timestamp AT TIME ZONE 'UTC'));
            created := created + 1;
        END IF;
        day := day + 1;
    END LOOP;
    RETURN created;
END $$;

-- Retention: drops the daily partitions that end on or before the given day.
CREATE OR REPLACE FUNCTION workspace.drop_raw_event_partitions_before(cutoff date)
RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
    partition record;
    dropped integer := 0;
BEGIN
    PERFORM pg_advisory_xact_lock(7311002);
    FOR partition IN
        SELECT c.relname
        FROM pg_inherits i
        JOIN pg_class c ON c.oid = i.inhrelid
        JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE i.inhparent = 'workspace.security_iot_raw_event'::regclass
          AND n.nspname = 'workspace'
          AND c.relname ~ '^security_iot_raw_event_[0-9]{8}$'
          AND to_date(right(c.relname, 8), 'YYYYMMDD') < cutoff
    LOOP
        EXECUTE format('DROP TABLE workspace.%I', partition.relname);
        dropped := dropped + 1;
    END LOOP;
    RETURN dropped;
END $$;
