package io.vigil.twin.brokerauth;

import io.vigil.twin.certificates.CaCertificate;
import io.vigil.twin.certificates.CertificateText;
import io.vigil.twin.http.TwinApiException;

import java.security.GeneralSecurityException;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Whether a client certificate chain proves a {@code certificateAuthority} identity, as IoT Hub decides it: the
 * leaf's subject common name is the device id, and the chain leads to one of the hub's verified CA certificates,
 * every certificate valid now. An unverified CA is no trust anchor: anyone may upload a CA certificate they merely
 * saw, and only proof of possession of its key (or an admin vouching for it) makes it one. The broker's TLS listener
 * has already checked that the client holds the leaf's key.
 */
final class CertificateChains {

    private CertificateChains() {
    }

    /** Empty when the chain proves the device; otherwise the refusal's reason. */
    static Optional<String> check(List<String> chainPem, String deviceId, List<CaCertificate> anchors, Instant now) {
        if (chainPem == null || chainPem.isEmpty()) {
            return Optional.of("malformed-credentials");
        }
        List<X509Certificate> chain = new ArrayList<>();
        try {
            for (String pem : chainPem) {
                chain.add(CertificateText.read(pem));
            }
        } catch (TwinApiException e) {
            return Optional.of("malformed-credentials");
        }
        X509Certificate leaf = chain.get(0);
        if (!leaf.getNotAfter().toInstant().isAfter(now) || leaf.getNotBefore().toInstant().isAfter(now)) {
            return Optional.of("certificate-expired");
        }
        if (!deviceId.equals(CertificateText.commonName(leaf).orElse(null))) {
            return Optional.of("untrusted-certificate");
        }
        if (leadsTo(chain, trustAnchors(anchors, true), now)) {
            return Optional.empty();
        }
        // Told apart so that an operator sees what is missing: the proof of possession, not the device's certificate.
        return Optional.of(leadsTo(chain, trustAnchors(anchors, false), now) ? "unverified-certificate-authority" : "untrusted-certificate");
    }

    private static Set<TrustAnchor> trustAnchors(List<CaCertificate> anchors, boolean verified) {
        Set<TrustAnchor> trust = new HashSet<>();
        for (CaCertificate anchor : anchors) {
            if (anchor.verified() == verified) {
                trust.add(new TrustAnchor(CertificateText.read(anchor.pem()), null));
            }
        }
        return trust;
    }

    private static boolean leadsTo(List<X509Certificate> chain, Set<TrustAnchor> trust, Instant now) {
        if (trust.isEmpty()) {
            return false;
        }
        try {
            // The path excludes a trust anchor the client may have sent along.
            List<X509Certificate> path = new ArrayList<>(chain);
            path.removeIf(certificate -> trust.stream().anyMatch(anchor -> anchor.getTrustedCert().equals(certificate)));
            CertPath certPath = CertificateFactory.getInstance("X.509").generateCertPath(path);
            PKIXParameters parameters = new PKIXParameters(trust);
            parameters.setRevocationEnabled(false);
            parameters.setDate(Date.from(now));
            CertPathValidator.getInstance("PKIX").validate(certPath, parameters);
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}
