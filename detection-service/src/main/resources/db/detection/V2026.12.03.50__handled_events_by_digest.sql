-- The events detection has handled, kept as a 16-byte digest of hub, device and event id instead of the three texts
-- (whose key repeated the hub's resource id in every row and index entry): one row per event of the feed, so its
-- width is what the insert costs. handled_at is indexed with BRIN, which costs next to nothing to keep for rows that
-- arrive in time order, and is what the pruning of rows older than vigil.detection.remember-events reads.
CREATE TABLE detection.handled_event (
    key        uuid        PRIMARY KEY,
    handled_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX handled_event_at ON detection.handled_event USING brin (handled_at);

INSERT INTO detection.handled_event (key, handled_at)
SELECT md5(hub || E'\n' || device_id || E'\n' || event_id)::uuid, handled_at FROM detection.processed_event
ON CONFLICT DO NOTHING;

DROP TABLE detection.processed_event;
