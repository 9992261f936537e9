package io.vigil.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

/** The hub every service is configured with by default, and JSON written the way the services write it. */
public final class TestHub {

    /** The default hub's resource id ({@code vigil.hubs.vigil-hub} of every service, twin's default hub). */
    public static final String RESOURCE_ID =
            "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/vigil/providers/Microsoft.Devices/IotHubs/vigil-hub";
    public static final String NAME = "vigil-hub";

    /**
     * A second hub, for tests of hub-scoped tokens: configure it with {@link #otherHubConfig()} (a test profile), and
     * a token scoped to {@link #NAME} must not see it.
     */
    public static final String OTHER_NAME = "other-hub";
    public static final String OTHER_RESOURCE_ID = RESOURCE_ID.replace("/IotHubs/" + NAME, "/IotHubs/" + OTHER_NAME);

    /** The configuration of the second hub, its devices' topics under {@code hubs/other-hub/}. */
    public static java.util.Map<String, String> otherHubConfig() {
        return java.util.Map.of("vigil.hubs." + OTHER_NAME + ".resource-id", OTHER_RESOURCE_ID,
                "vigil.hubs." + OTHER_NAME + ".topic-prefix", "hubs/" + OTHER_NAME + "/");
    }

    /** Instants as ISO text, as the services' own mapper writes feed messages and notices. */
    public static final ObjectMapper JSON = JsonMapper.builder().findAndAddModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build();

    private TestHub() {
    }
}
