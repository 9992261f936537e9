package io.vigil.twin.devicechannel;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Devices' twin topics: what is a request, and where its answer goes. */
class TwinTopicTest {

    @Test
    void devicesAndModulesReadAndReportOnTheirOwnTopics() {
        TwinTopic get = TwinTopic.parse("devices/dev-1/twin/GET/?$rid=42").orElseThrow();
        assertThat(get).isEqualTo(new TwinTopic(TwinTopic.Operation.GET, "dev-1", "", "devices/dev-1", "42"));
        assertThat(get.responseTopic(200, null)).isEqualTo("devices/dev-1/twin/res/200/?$rid=42");

        TwinTopic report = TwinTopic.parse("devices/dev-1/modules/azureiotsecurity/twin/PATCH/properties/reported/?$rid=r-7").orElseThrow();
        assertThat(report.operation()).isEqualTo(TwinTopic.Operation.PATCH_REPORTED);
        assertThat(report.moduleId()).isEqualTo("azureiotsecurity");
        assertThat(report.responseTopic(204, 5L)).isEqualTo("devices/dev-1/modules/azureiotsecurity/twin/res/204/?$rid=r-7&$version=5");

        assertThat(TwinTopic.parse("devices/dev-1/twin/GET/?other=1&$rid=9").orElseThrow().requestId()).isEqualTo("9");
        assertThat(TwinTopic.desiredTopic("dev-1", "", 3)).isEqualTo("devices/dev-1/twin/PATCH/properties/desired/?$version=3");
        assertThat(TwinTopic.desiredTopic("dev-1", "m", 3)).isEqualTo("devices/dev-1/modules/m/twin/PATCH/properties/desired/?$version=3");
    }

    @Test
    void anythingElseIsNoRequest() {
        for (String topic : new String[]{
                "devices/dev-1/twin/GET/",                                  // no $rid to answer to
                "devices/dev-1/twin/GET/?$rid=",
                "devices/dev-1/twin/GET/?$rid=a+b",                         // would change the answer topic's meaning
                "devices/dev-1/twin/GET/?$rid=" + "x".repeat(65),
                "devices/dev-1/twin/GET",
                "devices/dev-1/twin/res/200/?$rid=1",                       // an answer, not a request
                "devices/dev-1/twin/PATCH/properties/desired/?$version=2",  // the service's own notice
                "devices/dev-1/twin/PATCH/properties/reported/extra/?$rid=1",
                "devices/dev 1/twin/GET/?$rid=1",                           // not an IoT Hub id
                "devices/dev-1/modules//twin/GET/?$rid=1",
                "devices/dev-1/messages/events/a=b",
                "elsewhere/dev-1/twin/GET/?$rid=1"}) {
            assertThat(TwinTopic.parse(topic)).as(topic).isEmpty();
        }
    }
}
