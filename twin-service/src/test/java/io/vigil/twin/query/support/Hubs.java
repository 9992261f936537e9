package io.vigil.twin.query.support;

/** Hub resource ids used by the tests. */
public final class Hubs {

    /** A hub holding a copy of every fixture twin: any query that leaks across hubs sees duplicates. */
    public static final String DECOY = of("decoy");

    private Hubs() {
    }

    public static String of(String name) {
        return "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/vigil-test/providers/"
                + "Microsoft.Devices/IotHubs/" + name;
    }
}
