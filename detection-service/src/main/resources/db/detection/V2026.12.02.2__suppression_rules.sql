-- Suppression rules: alerts an operator has decided not to be woken for (a known scanner, a lab device). A hit that
-- a rule matches still makes its alert, born Dismissed with the rule named, so nothing is lost and KQL sees it.
CREATE TABLE detection.suppression_rule (
    id          uuid        PRIMARY KEY,
    hub         text,                   -- null: every hub
    device_id   text,                   -- null: every device
    alert_type  text        NOT NULL,
    evidence    jsonb       NOT NULL DEFAULT '{}'::jsonb,  -- ExtendedProperties must contain these values
    reason      text        NOT NULL,
    created_by  text        NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    expires_at  timestamptz            -- null: until deleted
);
CREATE INDEX suppression_rule_type ON detection.suppression_rule (alert_type);

-- Who created and deleted which rule: the rules' audit trail.
CREATE TABLE detection.suppression_change (
    id        bigserial   PRIMARY KEY,
    rule_id   uuid        NOT NULL,
    at        timestamptz NOT NULL DEFAULT now(),
    actor     text        NOT NULL,
    action    text        NOT NULL CHECK (action IN ('created', 'deleted')),
    rule      jsonb       NOT NULL
);
