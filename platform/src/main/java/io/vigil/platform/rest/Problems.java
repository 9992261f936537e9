package io.vigil.platform.rest;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;

/** The operator APIs' error body, {@code {"error": {"code", "message"}}}, and their keyset page cursor. */
public final class Problems {

    private Problems() {
    }

    public static Response of(int status, String code, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON)
                .entity(Map.of("error", Map.of("code", code, "message", message))).build();
    }

    /** {@code nextBefore} of a newest-first page: the last id when the page is full, else empty (no more pages). */
    public static <T> Object nextBefore(List<T> page, int limit, ToLongFunction<T> id) {
        return page.size() < limit ? "" : id.applyAsLong(page.get(page.size() - 1));
    }
}
