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

    /** Instants as ISO text, as the services' own mapper writes feed messages and notices. */
    public static final ObjectMapper JSON = JsonMapper.builder().findAndAddModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build();

    private TestHub() {
    }
}
