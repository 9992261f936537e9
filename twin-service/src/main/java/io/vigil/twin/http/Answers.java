package io.vigil.twin.http;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Future;
import io.vigil.platform.rest.Unis;

import java.util.regex.Pattern;

/** What every twin-service resource needs to answer: a store's Vert.x future as the Uni Quarkus REST awaits, and names checked. */
public final class Answers {

    /** IoT Hub's rule for the names of a hub's resources (certificates, diagnostic settings). */
    private static final Pattern RESOURCE_NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private Answers() {
    }

    public static <T> Uni<T> uni(Future<T> future) {
        return Unis.from(future);
    }

    /** Refuses a resource name IoT Hub would refuse, naming what it is ("certificate names ..."). */
    public static void requireResourceName(String name, String what) {
        if (name == null || !RESOURCE_NAME.matcher(name).matches()) {
            throw TwinApiException.invalid(what + " names are 1 to 64 letters, digits, '.', '_' or '-'");
        }
    }
}
