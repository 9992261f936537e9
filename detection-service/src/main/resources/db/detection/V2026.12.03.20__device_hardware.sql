-- The hardware of each device's latest ConnectedHardware snapshot, to tell plugged-in and removed USB and Ethernet
-- devices from the next one. snapshot_at is the snapshot's event time: an older snapshot arriving late is ignored.
CREATE TABLE detection.device_hardware (
    hub         text        NOT NULL,
    device_id   text        NOT NULL,
    snapshot_at timestamptz NOT NULL,
    items       jsonb       NOT NULL,
    updated_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (hub, device_id)
);
