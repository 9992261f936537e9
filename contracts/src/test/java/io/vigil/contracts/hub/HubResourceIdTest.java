package io.vigil.contracts.hub;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HubResourceIdTest {

    @Test
    void parsesAndPrintsTheAzureShape() {
        String id = "/subscriptions/0b3a2e4c-1111-2222-3333-444455556666/resourceGroups/iot-rg/providers/Microsoft.Devices/IotHubs/contoso-hub";
        HubResourceId hub = HubResourceId.parse(id);
        assertThat(hub.hubName()).isEqualTo("contoso-hub");
        assertThat(hub.resourceGroup()).isEqualTo("iot-rg");
        assertThat(hub.subscriptionId()).isEqualTo("0b3a2e4c-1111-2222-3333-444455556666");
        assertThat(hub).hasToString(id);
    }

    @Test
    void refusesOtherShapes() {
        assertThatThrownBy(() -> HubResourceId.parse("/subscriptions/x/resourceGroups/y/providers/Microsoft.Storage/storageAccounts/z"))
                .hasMessageContaining("not an IoT hub resource id");
        assertThatThrownBy(() -> HubResourceId.parse(null)).isInstanceOf(IllegalArgumentException.class);
    }
}
