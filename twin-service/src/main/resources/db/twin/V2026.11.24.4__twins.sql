-- Device and module twins, one row each, the twin JSON exactly as the twin API returns it (deviceId, moduleId,
-- etag, version, status, connectionState, lastActivityTime, tags, properties.desired/reported with $metadata and
-- $version, ...). The twin query language reads the document; module_id is '' for a device's own twin.
CREATE TABLE twin.twin (
    hub        text        NOT NULL,  -- the hub's resource id
    device_id  text        NOT NULL,
    module_id  text        NOT NULL DEFAULT '',
    document   jsonb       NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (hub, device_id, module_id)
);
-- Containment and existence tests on any path (tags.recommendations.IoT_OpenPorts, properties.reported...).
CREATE INDEX twin_document ON twin.twin USING gin (document jsonb_path_ops);
-- The seed queries filter security module twins by module id.
CREATE INDEX twin_module ON twin.twin (hub, module_id, device_id);
