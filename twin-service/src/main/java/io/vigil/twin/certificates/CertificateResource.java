package io.vigil.twin.certificates;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Future;
import io.vigil.contracts.hubevents.HubEventNotice;
import io.vigil.twin.audit.AuditTrail;
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
import jakarta.ws.rs.POST;
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
 * {@code {"properties": {"certificate": "<PEM>", "isVerified": false}}}, {@code GET}, {@code DELETE} with
 * {@code If-Match}, and proof of possession: {@code POST .../generateVerificationCode}, then {@code POST .../verify}
 * with a certificate signed with it. Every attempt, whether it worked or not, is in the audit trail with who made
 * it; adding and deleting also become hub events that detection raises the hub's certificate alerts from.
 */
@Path("/certificates")
@Produces(MediaType.APPLICATION_JSON)
public class CertificateResource {

    private final CertificateStore certificates;
    private final HubChangeReporter changes;
    private final AuditTrail audit;
    private final TwinConfig config;
    private final SecurityIdentity caller;

    private final HubScope scope;

    CertificateResource(CertificateStore certificates, HubChangeReporter changes, AuditTrail audit, TwinConfig config, SecurityIdentity caller,
                        HubScope scope) {
        this.scope = scope;
        this.certificates = certificates;
        this.changes = changes;
        this.audit = audit;
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
                .map(certificate -> described(certificate.toJson(), certificate))
                .orElseThrow(() -> new TwinApiException(404, "CertificateNotFound", "no certificate " + name)));
    }

    @PUT
    @Path("/{name}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("admin")
    public Uni<Response> put(@PathParam("name") String name, JsonNode body, @HeaderParam("If-Match") String ifMatch, @QueryParam("hub") String hub) {
        String resolved = hub(hub);
        String actor = caller.getPrincipal().getName();
        JsonNode properties = body == null ? MissingNode.getInstance() : body.path("properties");
        JsonNode isVerified = properties.path("isVerified");
        // IoT Hub's verify on upload: the admin vouches for the key. Anything but a JSON boolean is refused below.
        boolean verifiedOnUpload = isVerified.isBoolean() && isVerified.booleanValue();
        Future<CaCertificate> added;
        try {
            Answers.requireResourceName(name, "certificate");
            if (!isVerified.isMissingNode() && !isVerified.isNull() && !isVerified.isBoolean()) {
                throw TwinApiException.invalid("properties.isVerified must be true or false");
            }
            added = certificates.put(resolved, name, CertificateText.readCa(properties.path("certificate").asText(null), Instant.now()),
                    verifiedOnUpload, IfMatch.of(ifMatch), actor);
        } catch (TwinApiException refused) {
            added = Future.failedFuture(refused);
        }
        return Answers.uni(changes.reported(added, resolved, actor, name, CertificateActions.add(verifiedOnUpload),
                HubEventNotice.CERTIFICATE_ADDED, HubEventNotice.CERTIFICATE_ADD_FAILED))
                .map(certificate -> described(certificate.toJson(), certificate));
    }

    /** IoT Hub's first step of proof of possession: a fresh code for the owner of the CA's key to sign. */
    @POST
    @Path("/{name}/generateVerificationCode")
    @RolesAllowed("admin")
    public Uni<Response> generateVerificationCode(@PathParam("name") String name, @HeaderParam("If-Match") String ifMatch,
                                                  @QueryParam("hub") String hub) {
        String resolved = hub(hub);
        String actor = caller.getPrincipal().getName();
        return Answers.uni(audit.failureRecorded(certificates.generateVerificationCode(resolved, name, IfMatch.of(ifMatch), actor),
                        resolved, actor, CertificateActions.GENERATE_VERIFICATION_CODE, name))
                .map(certificate -> described(certificate.toJsonWithCode(), certificate));
    }

    /** IoT Hub's second step: {@code {"certificate": "<PEM or base64 DER>"}} with the code as CN, signed by the CA's key. */
    @POST
    @Path("/{name}/verify")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("admin")
    public Uni<Response> verify(@PathParam("name") String name, JsonNode body, @HeaderParam("If-Match") String ifMatch,
                                @QueryParam("hub") String hub) {
        String resolved = hub(hub);
        String actor = caller.getPrincipal().getName();
        String answer = body == null ? null : body.path("certificate").asText(null);
        return Answers.uni(audit.failureRecorded(certificates.verify(resolved, name, answer, IfMatch.of(ifMatch), actor, Instant.now()),
                        resolved, actor, CertificateActions.VERIFY, name))
                .map(certificate -> described(certificate.toJson(), certificate));
    }

    @DELETE
    @Path("/{name}")
    @RolesAllowed("admin")
    public Uni<Response> delete(@PathParam("name") String name, @HeaderParam("If-Match") String ifMatch, @QueryParam("hub") String hub) {
        String resolved = hub(hub);
        String actor = caller.getPrincipal().getName();
        return Answers.uni(changes.reported(certificates.delete(resolved, name, IfMatch.of(ifMatch), actor), resolved, actor, name,
                CertificateActions.DELETE, HubEventNotice.CERTIFICATE_DELETED, HubEventNotice.CERTIFICATE_DELETE_FAILED))
                .map(v -> Response.noContent().build());
    }

    private static Response described(Object json, CaCertificate certificate) {
        return Response.ok(json).header("ETag", IfMatch.header(certificate.etag())).build();
    }

    private String hub(String requested) {
        return HubParameter.resolve(requested, config.defaultHub(), scope);
    }

}
