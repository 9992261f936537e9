package io.vigil.twin.http;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.LinkedHashMap;
import java.util.Map;

/** Every refused registry and twin request as {@code {"error": {"code", "message"}}}, never a stack trace. */
public class TwinApiErrors {

    @ServerExceptionMapper
    public Response refused(TwinApiException e) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("code", e.code());
        detail.put("message", e.getMessage());
        return Response.status(e.status()).type(MediaType.APPLICATION_JSON).entity(Map.of("error", detail)).build();
    }
}
