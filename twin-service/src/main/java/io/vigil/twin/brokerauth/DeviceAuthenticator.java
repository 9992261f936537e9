package io.vigil.twin.brokerauth;

import io.vertx.core.Future;
import io.vigil.platform.hubs.HubDirectory;
import io.vigil.twin.certificates.CertificateStore;
import io.vigil.twin.certificates.CertificateText;
import io.vigil.twin.http.TwinApiException;
import io.vigil.twin.registry.Identity;
import io.vigil.twin.registry.RegistryStore;
import jakarta.enterprise.context.ApplicationScoped;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Decides whether a connecting client is the registry identity it claims to be, the one place every broker asks
 * (through {@link BrokerAuthResource}, directly or from the embedded broker's extension). An identity with symmetric
 * keys proves itself with a SAS token signed by its primary or secondary key and scoped to it; a self-signed X.509
 * identity with a client certificate whose thumbprint the registry holds; a CA-authenticated one with a certificate
 * chain to one of the hub's verified CA certificates ({@link CertificateChains}). Disabled devices, and the modules of
 * disabled devices, are refused.
 */
@ApplicationScoped
public class DeviceAuthenticator {

    private final RegistryStore registry;
    private final CertificateStore certificates;
    private final HubDirectory hubs;

    DeviceAuthenticator(RegistryStore registry, CertificateStore certificates, HubDirectory hubs) {
        this.registry = registry;
        this.certificates = certificates;
        this.hubs = hubs;
    }

    public Future<AuthenticationDecision> authenticate(AuthenticationRequest request, Instant now) {
        Optional<DeviceLogin> parsed = DeviceLogin.parse(request.username());
        if (parsed.isEmpty()) {
            return Future.succeededFuture(AuthenticationDecision.deny("malformed-credentials", null, null));
        }
        DeviceLogin login = parsed.get();
        Optional<HubDirectory.Hub> hub = hubFor(login);
        if (hub.isEmpty()) {
            return Future.succeededFuture(AuthenticationDecision.deny("unknown-device", null, login));
        }
        String hubId = hub.get().resourceId().toString();
        if (!login.expectedClientId().equals(request.clientId())) {
            return Future.succeededFuture(AuthenticationDecision.deny("malformed-credentials", hubId, login));
        }
        Future<Optional<Identity>> device = registry.find(hubId, login.deviceId(), "");
        Future<Optional<Identity>> identity = login.moduleId().isEmpty() ? device
                : device.compose(d -> d.isEmpty() ? Future.succeededFuture(Optional.empty())
                : registry.find(hubId, login.deviceId(), login.moduleId()));
        return identity.compose(found -> {
            if (found.isEmpty()) {
                return Future.succeededFuture(AuthenticationDecision.deny("unknown-device", hubId, login));
            }
            if (!"enabled".equals(device.result().orElseThrow().twin().path("status").asText("enabled"))) {
                return Future.succeededFuture(AuthenticationDecision.deny("disabled-device", hubId, login));
            }
            Future<Optional<String>> refusal = "certificateAuthority".equals(found.get().twin().path("authenticationType").asText())
                    ? certificates.validAt(hubId, now).map(anchors -> CertificateChains.check(request.certificateChain(), login.deviceId(), anchors, now))
                    : Future.succeededFuture(check(found.get(), login, request, now));
            return refusal.map(reason -> reason.map(r -> AuthenticationDecision.deny(r, hubId, login))
                    .orElseGet(() -> AuthenticationDecision.allow(hubId, login, DevicePermissions.of(hub.get().topicPrefix(), login))));
        });
    }

    /** The hub a login addresses: the one named by its host's first label, else the only one there is. */
    Optional<HubDirectory.Hub> hubFor(DeviceLogin login) {
        List<HubDirectory.Hub> all = hubs.hubs();
        Optional<HubDirectory.Hub> named = all.stream()
                .filter(h -> h.resourceId().hubName().toLowerCase(Locale.ROOT).equals(login.hostLabel())).findFirst();
        return named.isPresent() || all.size() != 1 ? named : Optional.of(all.get(0));
    }

    private static Optional<String> check(Identity identity, DeviceLogin login, AuthenticationRequest request, Instant now) {
        String type = identity.twin().path("authenticationType").asText("sas");
        boolean certificate = request.certificateThumbprint() != null && !request.certificateThumbprint().isBlank();
        switch (type) {
            case "sas": {
                if (certificate && (request.password() == null || request.password().isEmpty())) {
                    return Optional.of("wrong-authentication-type");
                }
                Optional<SasToken> token = SasToken.parse(request.password());
                if (token.isEmpty()) {
                    return Optional.of("malformed-credentials");
                }
                if (!token.get().resource().equalsIgnoreCase(login.resource()) || token.get().policyName() != null) {
                    return Optional.of("wrong-resource");
                }
                if (!token.get().signedWith(identity.primaryKey()) && !token.get().signedWith(identity.secondaryKey())) {
                    return Optional.of("invalid-signature");
                }
                return token.get().expiredAt(now) ? Optional.of("expired-token") : Optional.empty();
            }
            case "selfSigned": {
                if (!certificate) {
                    return Optional.of(request.password() != null && request.password().startsWith("SharedAccessSignature")
                            ? "wrong-authentication-type" : "malformed-credentials");
                }
                if (expired(request.certificateNotAfter(), now)) {
                    return Optional.of("certificate-expired");
                }
                Set<String> presented = presentedThumbprints(request);
                String primary = identity.twin().path("x509Thumbprint").path("primaryThumbprint").asText(null);
                String secondary = identity.twin().path("x509Thumbprint").path("secondaryThumbprint").asText(null);
                return presented.contains(primary) || presented.contains(secondary) ? Optional.empty() : Optional.of("thumbprint-mismatch");
            }
            default:
                // "none": no credentials at all.
                return Optional.of("wrong-authentication-type");
        }
    }

    /**
     * The thumbprint the broker computed, and both the SHA-1 and SHA-256 ones of the leaf when it passed the chain:
     * the registry may hold either, and a broker sends only one.
     */
    private static Set<String> presentedThumbprints(AuthenticationRequest request) {
        Set<String> thumbprints = new HashSet<>();
        thumbprints.add(request.certificateThumbprint().replace(":", "").toUpperCase(Locale.ROOT));
        if (request.certificateChain() != null && !request.certificateChain().isEmpty()) {
            try {
                X509Certificate leaf = CertificateText.read(request.certificateChain().get(0));
                thumbprints.add(CertificateText.thumbprint(leaf));
                thumbprints.add(CertificateText.sha256Thumbprint(leaf));
            } catch (TwinApiException e) {
                // An unreadable chain proves nothing more than the thumbprint does.
            }
        }
        return thumbprints;
    }

    private static boolean expired(String notAfter, Instant now) {
        if (notAfter == null || notAfter.isBlank()) {
            return false;
        }
        try {
            return !Instant.parse(notAfter).isAfter(now);
        } catch (DateTimeParseException e) {
            return true;
        }
    }
}
