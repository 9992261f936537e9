-- Time-window custom alerts: how many of a rule's activities each device had in each tumbling window (aligned to
-- the epoch, so every replica counts into the same row). Counts grow by one upsert per feed batch.
CREATE TABLE detection.activity_window (
    hub             text        NOT NULL,
    device_id       text        NOT NULL,
    rule_type       text        NOT NULL,
    window_seconds  integer     NOT NULL,
    window_start    timestamptz NOT NULL,
    count           bigint      NOT NULL,
    above_raised_at timestamptz,            -- set by the batch that raised "above the maximum": once per window
    PRIMARY KEY (hub, device_id, rule_type, window_seconds, window_start)
);
CREATE INDEX activity_window_start ON detection.activity_window (window_start);

-- The closed windows checked for too few activities, one row per group, rule and window: the replica whose insert
-- lands checks the window; the others find the row and skip it.
CREATE TABLE detection.activity_window_scan (
    hub             text        NOT NULL,
    security_group  text        NOT NULL,
    rule_type       text        NOT NULL,
    window_seconds  integer     NOT NULL,
    window_start    timestamptz NOT NULL,
    scanned_at      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (hub, security_group, rule_type, window_seconds, window_start)
);
CREATE INDEX activity_window_scan_start ON detection.activity_window_scan (window_start);
