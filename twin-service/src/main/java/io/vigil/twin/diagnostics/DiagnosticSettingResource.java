package io.vigil.twin.diagnostics;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Future;
import io.vigil.contracts.hubevents.HubEventNotice;
import io.vigil.twin.config.TwinConfig;
import io.vigil.twin.http.Answers;
import io.vigil.twin.http.HubParameter;
import io.vigil.twin.http.IfMatch;
import io.vigil.twin.http.TwinApiException;
import io.vigil.twin.hubevents.HubChangeReporter;
import io.vigil.platform.security.HubScope;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.Map;

/**
 * A hub's diagnostic settings: {@code PUT/GET/DELETE /diagnosticSettings/{name}}, {@code GET /diagnosticSettings}.
 * Every attempt to add, edit or delete one, whether it worked or not, is in the audit trail and becomes a hub event
 * from which detection raises the hub's diagnostic-setting alerts.
 */
@Path("/diagnosticSettings")
@Produces(MediaType.APPLICATION_JSON)
public class DiagnosticSettingResource {

    private final DiagnosticSettingStore settings;
    private final HubChangeReporter changes;
    private final TwinConfig config;
    private final SecurityIdentity caller;

    private final HubScope scope;

    DiagnosticSettingResource(DiagnosticSettingStore settings, HubChangeReporter changes, TwinConfig config, SecurityIdentity caller, HubScope scope) {
        this.scope = scope;
        this.settings = settings;
        this.changes = changes;
        this.config = config;
        this.caller = caller;
    }

    @GET
    @RolesAllowed({"reader", "operator", "admin"})
    public Uni<Map<String, Object>> list(@QueryParam("hub") String hub) {
        return Answers.uni(settings.list(hub(hub))).map(all -> Map.of("value", all.stream().map(DiagnosticSetting::toJson).toList()));
    }

    @GET
    @Path("/{name}")
    @RolesAllowed({"reader", "operator", "admin"})
    public Uni<Response> one(@PathParam("name") String name, @QueryParam("hub") String hub) {
        return Answers.uni(settings.find(hub(hub), name)).map(found -> found
                .map(setting -> Response.ok(setting.toJson()).header("ETag", IfMatch.header(setting.etag())).build())
                .orElseThrow(() -> new TwinApiException(404, "DiagnosticSettingNotFound", "no diagnostic setting " + name)));
    }

    @PUT
    @Path("/{name}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("admin")
    public Uni<Response> put(@PathParam("name") String name, JsonNode body, @HeaderParam("If-Match") String ifMatch, @QueryParam("hub") String hub) {
        String resolved = hub(hub);
        String actor = caller.getPrincipal().getName();
        Future<DiagnosticSetting> written;
        try {
            Answers.requireResourceName(name, "diagnostic setting");
            written = settings.put(resolved, name, DiagnosticSettingSpec.parse(body), IfMatch.of(ifMatch), actor);
        } catch (TwinApiException refused) {
            written = Future.failedFuture(refused);
        }
        return Answers.uni(changes.reported(written, resolved, actor, name, "diagnostic-setting.put", HubEventNotice.DIAGNOSTIC_SETTING_CHANGED,
                HubEventNotice.DIAGNOSTIC_SETTING_CHANGED))
                .map(setting -> Response.ok(setting.toJson()).header("ETag", IfMatch.header(setting.etag())).build());
    }

    @DELETE
    @Path("/{name}")
    @RolesAllowed("admin")
    public Uni<Response> delete(@PathParam("name") String name, @HeaderParam("If-Match") String ifMatch, @QueryParam("hub") String hub) {
        String resolved = hub(hub);
        String actor = caller.getPrincipal().getName();
        return Answers.uni(changes.reported(settings.delete(resolved, name, IfMatch.of(ifMatch), actor), resolved, actor, name,
                "diagnostic-setting.delete", HubEventNotice.DIAGNOSTIC_SETTING_DELETED, HubEventNotice.DIAGNOSTIC_SETTING_DELETED))
                .map(v -> Response.noContent().build());
    }


    private String hub(String requested) {
        return HubParameter.resolve(requested, config.defaultHub(), scope);
    }

}
