-- Proof of possession of a CA certificate's key, as IoT Hub asks it: a CA is uploaded unverified, the hub hands out
-- a verification code, and the CA becomes verified when its owner sends back a certificate with that code as its
-- common name, signed by the CA's key. Only verified CAs are trust anchors of certificateAuthority devices.
ALTER TABLE twin.certificate
    ADD COLUMN is_verified       boolean NOT NULL DEFAULT false,
    ADD COLUMN verification_code text;  -- the pending challenge; cleared once the CA is verified or replaced

-- Until now an admin's upload counted as verified; the CAs already there keep working as they did.
UPDATE twin.certificate SET is_verified = true;
