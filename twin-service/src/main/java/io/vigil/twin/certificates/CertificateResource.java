package io.vigil.twin.certificates;

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

import java.time.Instant;
import java.util.Map;

/**
 * A hub's CA certificates, in the shape of IoT Hub's certificates resource: {@code PUT /certificates/{name}} with
 * {@code {"properties": {"certificate": "<PEM>"}}}, {@code GET}, {@code DELETE} with {@code If-Match}. Every attempt to
 * add or delete one, whether it worked or not, is in the audit trail with who made it, and becomes a hub event
 * that detection raises the hub's certificate alerts from.
 */
@Path("/certificates")
@Produces(MediaType.APPLICATION_JSON)
public class CertificateResource {

    private final CertificateStore certificates;
    private final HubChangeReporter changes;
    private final TwinConfig config;
    private final SecurityIdentity caller;

    private final HubScope scope;

    CertificateResource(CertificateStore certificates, HubChangeReporter changes, TwinConfig config, SecurityIdentity caller, HubScope scope) {
        this.scope = scope;
        this.certificates = certificates;
        this.changes = changes;
        this.config = config;
        this.caller = caller;
    }

    @GET
    @RolesAllowed({"reader", "operator", "admin"})
    public Uni<Map<String, Object>> list(@QueryParam("hub") String hub) {
        return Answers.uni(certificates.list(hub(hub))).map(all -> Map.of("value", all.stream().map(CaCertificate::toJson).toList()));
    }

    @GET
    @Path("/{name}")
    @RolesAllowed({"reader", "operator", "admin"})
    public Uni<Response> one(@PathParam("name") String name, @QueryParam("hub") String hub) {
        return Answers.uni(certificates.find(hub(hub), name)).map(found -> found
                .map(certificate -> Response.ok(certificate.toJson()).header("ETag", IfMatch.header(certificate.etag())).build())
                .orElseThrow(() -> new TwinApiException(404, "CertificateNotFound", "no certificate " + name)));
    }

    @PUT
    @Path("/{name}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("admin")
    public Uni<Response> put(@PathParam("name") String name, JsonNode body, @HeaderParam("If-Match") String ifMatch, @QueryParam("hub") String hub) {
        String resolved = hub(hub);
        String actor = caller.getPrincipal().getName();
        Future<CaCertificate> added;
        try {
            Answers.requireResourceName(name, "certificate");
            added = certificates.put(resolved, name, CertificateText.readCa(body == null ? null : body.path("properties").path("certificate")
                    .asText(null), Instant.now()), IfMatch.of(ifMatch), actor);
        } catch (TwinApiException refused) {
            added = Future.failedFuture(refused);
        }
        return Answers.uni(changes.reported(added, resolved, actor, name, "certificate.add", HubEventNotice.CERTIFICATE_ADDED,
                HubEventNotice.CERTIFICATE_ADD_FAILED))
                .map(certificate -> Response.ok(certificate.toJson()).header("ETag", IfMatch.header(certificate.etag())).build());
    }

    @DELETE
    @Path("/{name}")
    @RolesAllowed("admin")
    public Uni<Response> delete(@PathParam("name") String name, @HeaderParam("If-Match") String ifMatch, @QueryParam("hub") String hub) {
        String resolved = hub(hub);
        String actor = caller.getPrincipal().getName();
        return Answers.uni(changes.reported(certificates.delete(resolved, name, IfMatch.of(ifMatch), actor), resolved, actor, name,
                "certificate.delete", HubEventNotice.CERTIFICATE_DELETED, HubEventNotice.CERTIFICATE_DELETE_FAILED))
                .map(v -> Response.noContent().build());
    }


    private String hub(String requested) {
        return HubParameter.resolve(requested, config.defaultHub(), scope);
    }

}
