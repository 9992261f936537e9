-- A hub's diagnostic settings, as Azure's diagnostic settings resource holds them (which log categories go where).
-- Kept as given; every change is in the audit trail and raises the hub's diagnostic-setting alerts.
CREATE TABLE twin.diagnostic_setting (
    hub        text        NOT NULL,
    name       text        NOT NULL,
    etag       text        NOT NULL,
    properties jsonb       NOT NULL,
    updated    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (hub, name)
);
