-- The registry: every twin row is also an identity (module_id '' the device's own). What the twin document shows of
-- an identity (status, authenticationType, x509Thumbprint, deviceEtag, ...) stays in the document, so the twin
-- query language sees it; what must never reach a twin query lives in these columns, which the query compiler
-- cannot name: the symmetric keys and the generation id.

-- A new symmetric key: 32 bytes, base64, from two version-4 UUIDs, i.e. 244 bits of PostgreSQL's strong random
-- source (gen_random_uuid is built in since PostgreSQL 13, so no extension is needed).
CREATE FUNCTION twin.new_symmetric_key() RETURNS text
    LANGUAGE sql VOLATILE PARALLEL SAFE
AS $$ SELECT encode(decode(replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', ''), 'hex'), 'base64') $$;

-- Rows that exist already (auto-registered devices) get keys and a generation of their own here; new rows get them
-- from the defaults unless the registry API sets them.
ALTER TABLE twin.twin
    ADD COLUMN generation_id text NOT NULL DEFAULT replace(gen_random_uuid()::text, '-', ''),
    ADD COLUMN primary_key   text DEFAULT twin.new_symmetric_key(),
    ADD COLUMN secondary_key text DEFAULT twin.new_symmetric_key();

-- No new index: the primary key lists a device's modules, twin_module lists a hub's devices in id order.
