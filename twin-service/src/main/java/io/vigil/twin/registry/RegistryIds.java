package io.vigil.twin.registry;

import io.vigil.contracts.hub.IdentityIds;
import io.vigil.twin.http.TwinApiException;

/** Refuses to create identities whose ids no device could publish under (the ids ingest takes). */
final class RegistryIds {

    private RegistryIds() {
    }

    static void require(String deviceId, String moduleId) {
        if (!IdentityIds.isValid(deviceId) || (!moduleId.isEmpty() && !IdentityIds.isValid(moduleId))) {
            throw TwinApiException.invalid(IdentityIds.RULE);
        }
    }
}
