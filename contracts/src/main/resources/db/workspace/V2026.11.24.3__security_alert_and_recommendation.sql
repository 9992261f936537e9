-- SecurityAlert and SecurityRecommendation, with the Log Analytics columns (snake_case here; KQL sees the
-- original names). Both are append-only: every change of an alert or a recommendation appends a record, and
-- the current state is the latest record per SystemAlertId / per device and recommendation.
SELECT pg_advisory_xact_lock(7311001);

CREATE SCHEMA IF NOT EXISTS workspace;

CREATE TABLE IF NOT EXISTS workspace.security_alert (
    record_id                 bigserial,
    time_generated            timestamptz NOT NULL DEFAULT now(),
    alert_name                text        NOT NULL,  -- AlertName: the display name operators filter on
    alert_type                text        NOT NULL,  -- AlertType: IoT_Bruteforce_Success, IoT_ReverseShell, ...
    alert_severity            text        NOT NULL,  -- AlertSeverity: High, Medium, Low, Informational
    display_name              text        NOT NULL,
    description               text        NOT NULL DEFAULT '',
    compromised_entity        text        NOT NULL DEFAULT '',  -- the device id
    confidence_level          text        NOT NULL DEFAULT '',
    confidence_score          double precision,
    start_time                timestamptz,
    end_time                  timestamptz,
    processing_end_time       timestamptz,
    extended_properties       text        NOT NULL DEFAULT '{}',  -- JSON text, always with DeviceId
    entities                  text        NOT NULL DEFAULT '[]',  -- JSON text
    extended_links            text        NOT NULL DEFAULT '',
    resource_id               text        NOT NULL,  -- ResourceId: the hub's resource id
    system_alert_id           text        NOT NULL,  -- stable across the records of one alert
    vendor_original_id        text        NOT NULL DEFAULT '',
    provider_name             text        NOT NULL DEFAULT 'IoTSecurity',
    product_name              text        NOT NULL DEFAULT 'Azure Security Center for IoT',
    product_component_name    text        NOT NULL DEFAULT '',
    vendor_name               text        NOT NULL DEFAULT 'Microsoft',
    remediation_steps         text        NOT NULL DEFAULT '[]',  -- JSON array text
    status                    text        NOT NULL DEFAULT 'New',
    is_incident               boolean     NOT NULL DEFAULT false,
    alert_link                text        NOT NULL DEFAULT '',
    source_computer_id        text        NOT NULL DEFAULT '',
    tactics                   text        NOT NULL DEFAULT '',
    techniques                text        NOT NULL DEFAULT '',
    sub_techniques            text        NOT NULL DEFAULT '',
    workspace_subscription_id text        NOT NULL DEFAULT '',
    workspace_resource_group  text        NOT NULL DEFAULT '',
    tenant_id                 text        NOT NULL DEFAULT '',
    device_id                 text        NOT NULL,  -- not a Log Analytics column: the index key for device queries
    PRIMARY KEY (record_id)
);
CREATE INDEX IF NOT EXISTS security_alert_device_time ON workspace.security_alert (device_id, time_generated);
CREATE INDEX IF NOT EXISTS security_alert_time ON workspace.security_alert (time_generated);
CREATE INDEX IF NOT EXISTS security_alert_system_id ON workspace.security_alert (system_alert_id, time_generated);

CREATE TABLE IF NOT EXISTS workspace.security_recommendation (
    record_id                    bigserial,
    time_generated               timestamptz NOT NULL DEFAULT now(),
    assessed_resource_id         text        NOT NULL,  -- AssessedResourceId: the hub's resource id
    device_id                    text        NOT NULL,
    recommendation_name          text        NOT NULL,  -- IoT_OpenPorts, IoT_PermissiveFirewallPolicy, ...
    recommendation_display_name  text        NOT NULL,
    description                  text        NOT NULL DEFAULT '',
    recommendation_severity      text        NOT NULL,
    recommendation_state         text        NOT NULL,  -- Active, Resolved
    recommendation_additional_data jsonb     NOT NULL DEFAULT '{}'::jsonb,  -- dynamic
    discovered_time_utc          timestamptz NOT NULL,
    resolved_time_utc            timestamptz,
    recommendation_id            text        NOT NULL,  -- stable per device and recommendation
    provider_name                text        NOT NULL DEFAULT 'IoTSecurity',
    policy_definition_id         text        NOT NULL DEFAULT '',
    properties                   jsonb       NOT NULL DEFAULT '{}'::jsonb,  -- dynamic
    environment                  text        NOT NULL DEFAULT 'Azure',
    first_evaluation_date        timestamptz,
    status_change_date           timestamptz,
    is_snapshot                  boolean     NOT NULL DEFAULT false,
    resource_region              text        NOT NULL DEFAULT '',
    tenant_id                    text        NOT NULL DEFAULT '',
    PRIMARY KEY (record_id)
);
CREATE INDEX IF NOT EXISTS security_recommendation_device_time
    ON workspace.security_recommendation (device_id, time_generated);
CREATE INDEX IF NOT EXISTS security_recommendation_time ON workspace.security_recommendation (time_generated);
