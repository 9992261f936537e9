package io.vigil.simulator.agent;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DeviceTopicTest {

    @Test
    void securityMessagesGoToTheTelemetryTopicWithTheInterfaceIdAndContentType() {
        assertThat(DeviceTopic.telemetry("sim-device-1")).isEqualTo(
                "devices/sim-device-1/messages/events/"
                        + "%24.ifid=urn%3Aazureiot%3ASecurity%3ASecurityAgent%3A1"
                        + "&%24.ct=application%2Fjson&%24.ce=utf-8");
    }

    @Test
    void applicationPropertiesFollowEncoded() {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("HubResourceId", "/subscriptions/x/IotHubs/my hub");
        assertThat(DeviceTopic.telemetry("d1", properties))
                .endsWith("&%24.ce=utf-8&HubResourceId=%2Fsubscriptions%2Fx%2FIotHubs%2Fmy%20hub");
        assertThatThrownBy(() -> DeviceTopic.telemetry("d1", Map.of("$.ifid", "other")))
                .hasMessageContaining("set by the topic itself");
    }

    @Test
    void deviceIdsThatWouldBreakTheTopicAreRefused() {
        assertThatThrownBy(() -> DeviceTopic.telemetry("a/b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DeviceTopic.telemetry("a+b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DeviceTopic.telemetry("")).isInstanceOf(IllegalArgumentException.class);
        assertThat(DeviceTopic.telemetryPrefix("d1")).isEqualTo("devices/d1/messages/events/");
    }
}
