-- Device security groups: custom alert rules per group of devices, per hub.
CREATE TABLE detection.device_security_group (
    hub         text        NOT NULL,
    name        text        NOT NULL,
    rules       jsonb       NOT NULL,   -- DeviceSecurityGroup.toJson()
    updated_by  text        NOT NULL,
    updated_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (hub, name)
);

-- Which group each device is in, as twin-service announced it (tags.securityGroup); the highest twin version wins,
-- so a redelivered or late notice cannot move a device back. No row or a null group: the default group.
CREATE TABLE detection.security_group_member (
    hub             text        NOT NULL,
    device_id       text        NOT NULL,
    security_group  text,
    twin_version    bigint      NOT NULL,
    changed_at      timestamptz NOT NULL,
    PRIMARY KEY (hub, device_id)
);

-- Who changed which group: the audit trail of the rules.
CREATE TABLE detection.security_group_change (
    id      bigserial   PRIMARY KEY,
    hub     text        NOT NULL,
    name    text        NOT NULL,
    at      timestamptz NOT NULL DEFAULT now(),
    actor   text        NOT NULL,
    action  text        NOT NULL CHECK (action IN ('saved', 'deleted')),
    rules   jsonb
);
