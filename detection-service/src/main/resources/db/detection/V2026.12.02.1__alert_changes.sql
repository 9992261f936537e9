-- Operators' changes of alerts (status, severity), who made them and why: the audit trail of the alert lifecycle.
-- Each change also appends a SecurityAlert record, so KQL sees the alert's history as Log Analytics would.
CREATE TABLE detection.alert_change (
    id               bigserial   PRIMARY KEY,
    system_alert_id  text        NOT NULL,
    at               timestamptz NOT NULL DEFAULT now(),
    actor            text        NOT NULL,
    status_before    text        NOT NULL,
    status_after     text        NOT NULL,
    severity_before  text        NOT NULL,
    severity_after   text        NOT NULL,
    comment          text
);
CREATE INDEX alert_change_alert ON detection.alert_change (system_alert_id, id);
-- Listing alerts newest first.
CREATE INDEX alert_state_recent ON detection.alert_state (end_time DESC, system_alert_id);
