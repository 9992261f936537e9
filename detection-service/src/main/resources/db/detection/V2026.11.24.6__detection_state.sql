-- Event ids already handled: a redelivered feed message changes nothing twice. Old ids are pruned.
CREATE TABLE detection.processed_event (
    hub        text        NOT NULL,
    device_id  text        NOT NULL,
    event_id   text        NOT NULL,
    handled_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (hub, device_id, event_id)
);
CREATE INDEX processed_event_handled ON detection.processed_event (handled_at);

-- Every device detection has heard from: onboarding on the first message, silence when the last is too old.
CREATE TABLE detection.device (
    hub               text        NOT NULL,
    device_id         text        NOT NULL,
    first_seen        timestamptz NOT NULL,
    last_seen         timestamptz NOT NULL,
    silence_raised_at timestamptz,
    PRIMARY KEY (hub, device_id)
);
CREATE INDEX device_last_seen ON detection.device (last_seen);

-- Remote login attempts, for brute-force windows shared by every replica.
CREATE TABLE detection.login_attempt (
    hub            text        NOT NULL,
    device_id      text        NOT NULL,
    event_id       text        NOT NULL,
    remote_address text        NOT NULL,
    at             timestamptz NOT NULL,
    succeeded      boolean     NOT NULL,
    PRIMARY KEY (hub, device_id, event_id)
);
CREATE INDEX login_attempt_window ON detection.login_attempt (hub, device_id, remote_address, at);

-- One alert per device, type and aggregation window: repeats update it.
CREATE TABLE detection.alert_state (
    hub             text        NOT NULL,
    device_id       text        NOT NULL,
    alert_type      text        NOT NULL,
    window_start    timestamptz NOT NULL,
    system_alert_id text        NOT NULL,
    severity        text        NOT NULL,
    status          text        NOT NULL DEFAULT 'Active',
    start_time      timestamptz NOT NULL,
    end_time        timestamptz NOT NULL,
    hit_count       bigint      NOT NULL,
    PRIMARY KEY (hub, device_id, alert_type, window_start),
    UNIQUE (system_alert_id)
);

-- Every state change of a recommendation (SecurityRecommendation keeps only the current one).
CREATE TABLE detection.recommendation_change (
    id         bigserial   PRIMARY KEY,
    hub        text        NOT NULL,
    device_id  text        NOT NULL,
    name       text        NOT NULL,
    state      text        NOT NULL,
    details    jsonb       NOT NULL,
    changed_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX recommendation_change_device ON detection.recommendation_change (hub, device_id, name, changed_at);
