package io.vigil.query.api;

import io.vigil.query.execution.QueryFailure;
import io.vigil.query.kql.KqlException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Every query error of every endpoint as {@code {"error": {"code", "message", "line", "column"}}}: a rejected query
 * is a 400 with the position of the problem, a failed run its own status; never a stack trace.
 */
public class QueryErrorMappers {

    @ServerExceptionMapper
    public Response rejected(KqlException e) {
        return error(400, e.code(), e.getMessage(), e.line(), e.column());
    }

    @ServerExceptionMapper
    public Response failed(QueryFailure e) {
        return error(e.status(), e.code(), e.getMessage(), 0, 0);
    }

    private static Response error(int status, String code, String message, int line, int column) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("code", code);
        detail.put("message", message);
        if (line > 0) {
            detail.put("line", line);
            detail.put("column", column);
        }
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(Map.of("error", detail)).build();
    }
}
