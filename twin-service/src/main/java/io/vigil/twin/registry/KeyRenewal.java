package io.vigil.twin.registry;

import io.vigil.twin.http.TwinApiException;

/**
 * Which symmetric keys a renewal replaces. Rotating without downtime: devices move to the secondary key, the
 * primary is renewed, devices move back, the secondary is renewed; {@code swap} exchanges the two.
 */
public enum KeyRenewal {
    PRIMARY, SECONDARY, SWAP, BOTH;

    public static KeyRenewal parse(String keyType) {
        if (keyType == null || keyType.isBlank()) {
            throw TwinApiException.invalid("keyType must be primary, secondary, swap or both");
        }
        return switch (keyType) {
            case "primary" -> PRIMARY;
            case "secondary" -> SECONDARY;
            case "swap" -> SWAP;
            case "both" -> BOTH;
            default -> throw TwinApiException.invalid("keyType must be primary, secondary, swap or both, not " + keyType);
        };
    }

    String sqlName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
