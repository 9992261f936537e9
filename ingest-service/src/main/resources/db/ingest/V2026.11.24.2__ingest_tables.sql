-- Messages and events that broke a rule, kept with their reasons and original bytes so they can be replayed.
-- One row per (message, event index); event_index -1 stands for the whole message. A message that arrives again
-- (a redelivery, or a device repeating itself) bumps occurrences instead of adding a row.
CREATE TABLE ingest.rejected_message (
    id               bigserial   PRIMARY KEY,
    fingerprint      bytea       NOT NULL,  -- SHA-256 of topic and body
    event_index      integer     NOT NULL,
    received_at      timestamptz NOT NULL DEFAULT now(),
    last_received_at timestamptz NOT NULL DEFAULT now(),
    occurrences      integer     NOT NULL DEFAULT 1,
    hub              text,
    device_id        text,
    module_id        text,
    topic            text        NOT NULL,
    rule             text        NOT NULL,  -- the first reason's rule, for filtering
    path             text        NOT NULL,
    reason           text        NOT NULL,
    reasons          jsonb       NOT NULL,  -- every reason: [{"path":..,"rule":..,"message":..}]
    body             bytea       NOT NULL,
    status           text        NOT NULL DEFAULT 'rejected',  -- rejected | replayed
    replay_count     integer     NOT NULL DEFAULT 0,
    replayed_at      timestamptz,
    UNIQUE (fingerprint, event_index)
);
CREATE INDEX rejected_message_received ON ingest.rejected_message (received_at DESC, id DESC);
CREATE INDEX rejected_message_device ON ingest.rejected_message (device_id, received_at DESC);

-- Every device that sent a security message: when first and last, and with which agent.
CREATE TABLE ingest.device_activity (
    hub           text        NOT NULL,
    device_id     text        NOT NULL,
    agent_id      text,
    agent_version text,
    first_seen    timestamptz NOT NULL,
    last_seen     timestamptz NOT NULL,
    messages      bigint      NOT NULL DEFAULT 0,
    PRIMARY KEY (hub, device_id)
);
