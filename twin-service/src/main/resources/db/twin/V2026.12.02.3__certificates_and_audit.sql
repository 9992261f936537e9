-- CA certificates of a hub, as IoT Hub's certificates resource holds them: the PEM as uploaded and what was read
-- from it. Devices of authentication type certificateAuthority prove themselves with a certificate these issued.
CREATE TABLE twin.certificate (
    hub        text        NOT NULL,
    name       text        NOT NULL,
    etag       text        NOT NULL,
    pem        text        NOT NULL,
    subject    text        NOT NULL,
    thumbprint text        NOT NULL,  -- SHA-1 of the DER, upper-case hex, as IoT Hub shows it
    expiry     timestamptz NOT NULL,
    created    timestamptz NOT NULL DEFAULT now(),
    updated    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (hub, name)
);

-- Who changed what of a hub, and whether it worked: certificates added or deleted (or attempts that failed) and
-- identities created, replaced, deleted or given new keys. Written in the transaction of the change it records
-- (a failed attempt in a transaction of its own), never holding secrets.
CREATE TABLE twin.audit_event (
    id      bigserial   PRIMARY KEY,
    hub     text        NOT NULL,
    at      timestamptz NOT NULL DEFAULT now(),
    actor   text        NOT NULL,  -- the caller's token subject
    action  text        NOT NULL,  -- certificate.add, certificate.delete, identity.create, identity.replace, ...
    target  text        NOT NULL,  -- the certificate's name, the device id, device-id/module-id
    outcome text        NOT NULL CHECK (outcome IN ('succeeded', 'failed')),
    reason  text                   -- why it failed
);
CREATE INDEX audit_event_hub ON twin.audit_event (hub, id DESC);
