package io.vigil.twin.brokerauth;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Whether an allowed topic filter covers a published topic or a requested subscription. */
class TopicRuleTest {

    @Test
    void aFilterCoversTopicsAndNarrowerFiltersOnly() {
        assertThat(TopicRule.covers("devices/d1/messages/events/#", "devices/d1/messages/events/a=b")).isTrue();
        assertThat(TopicRule.covers("devices/d1/messages/events/#", "devices/d1/messages/events")).isTrue();
        assertThat(TopicRule.covers("devices/d1/twin/res/#", "devices/d1/twin/res/+/x")).isTrue();
        assertThat(TopicRule.covers("devices/d1/twin/res/#", "devices/d1/twin/#")).isFalse();
        assertThat(TopicRule.covers("devices/d1/twin/res/#", "devices/+/twin/res/#")).isFalse();
        assertThat(TopicRule.covers("devices/d1/twin/res/#", "devices/d2/twin/res/200")).isFalse();
        assertThat(TopicRule.covers("a/+/c", "a/b/c")).isTrue();
        assertThat(TopicRule.covers("a/+/c", "a/+/c")).isTrue();
        assertThat(TopicRule.covers("a/+/c", "a/#")).isFalse();
        assertThat(TopicRule.covers("a/b", "a/b/c")).isFalse();
    }

    @Test
    void aLoginIsReadInIoTHubsShape() {
        assertThat(DeviceLogin.parse("Vigil-Hub.example.net/dev-1/?api-version=2021-04-12")).contains(
                new DeviceLogin("vigil-hub.example.net", "dev-1", ""));
        assertThat(DeviceLogin.parse("h/dev-1/agent/?api-version=2021-04-12&DeviceClientType=c")).contains(new DeviceLogin("h", "dev-1", "agent"));
        assertThat(DeviceLogin.parse("h/dev-1")).contains(new DeviceLogin("h", "dev-1", ""));
        assertThat(DeviceLogin.parse("dev-1")).isEmpty();
        assertThat(DeviceLogin.parse("h/dev 1/?api-version=1")).isEmpty();
        assertThat(DeviceLogin.parse("h/d/m/x/?api-version=1")).isEmpty();
        assertThat(new DeviceLogin("h", "d", "m").resource()).isEqualTo("h/devices/d/modules/m");
        assertThat(new DeviceLogin("vigil-hub.example.net", "d", "").hostLabel()).isEqualTo("vigil-hub");
    }
}
