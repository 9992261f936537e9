package io.vigil.twin.certificates;

import io.vigil.twin.http.TwinApiException;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

/** Reads an uploaded CA certificate: PEM, or base64 DER as a {@code .cer} file holds it. */
public final class CertificateText {

    private CertificateText() {
    }

    /** The certificate, if it is one, a CA's, and still valid; otherwise a 400 with the reason. */
    public static X509Certificate readCa(String text, Instant now) {
        if (text == null || text.isBlank()) {
            throw TwinApiException.invalid("properties.certificate must hold the certificate, PEM or base64 DER");
        }
        X509Certificate certificate = read(text);
        if (certificate.getBasicConstraints() < 0) {
            throw TwinApiException.invalid("the certificate is not a CA certificate (no basic constraints CA:true)");
        }
        if (!certificate.getNotAfter().toInstant().isAfter(now)) {
            throw TwinApiException.invalid("the certificate expired at " + certificate.getNotAfter().toInstant());
        }
        return certificate;
    }

    /** Reads one certificate; a 400 when the text is none. */
    public static X509Certificate read(String text) {
        String trimmed = text.trim();
        byte[] bytes = trimmed.startsWith("-----BEGIN") ? trimmed.getBytes(StandardCharsets.US_ASCII) : der(trimmed);
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(bytes));
        } catch (CertificateException | ClassCastException e) {
            throw TwinApiException.invalid("not an X.509 certificate: " + e.getMessage());
        }
    }

    /** The certificate as PEM, as it is stored and answered. */
    public static String pem(X509Certificate certificate) {
        try {
            return "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                    .encodeToString(certificate.getEncoded()) + "\n-----END CERTIFICATE-----\n";
        } catch (CertificateEncodingException e) {
            throw TwinApiException.invalid("the certificate cannot be encoded: " + e.getMessage());
        }
    }

    /** IoT Hub's thumbprint: SHA-1 of the DER, upper-case hex. */
    public static String thumbprint(X509Certificate certificate) {
        return digest("SHA-1", certificate);
    }

    /** The SHA-256 thumbprint, which IoT Hub also accepts for a self-signed device: upper-case hex. */
    public static String sha256Thumbprint(X509Certificate certificate) {
        return digest("SHA-256", certificate);
    }

    private static String digest(String algorithm, X509Certificate certificate) {
        try {
            return HexFormat.of().withUpperCase().formatHex(MessageDigest.getInstance(algorithm).digest(certificate.getEncoded()));
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The first common name (CN) of the certificate's subject, if it has one. */
    public static Optional<String> commonName(X509Certificate certificate) {
        try {
            for (Rdn rdn : new LdapName(certificate.getSubjectX500Principal().getName()).getRdns()) {
                if (rdn.getType().equalsIgnoreCase("CN")) {
                    return Optional.of(String.valueOf(rdn.getValue()));
                }
            }
            return Optional.empty();
        } catch (InvalidNameException e) {
            return Optional.empty();
        }
    }

    private static byte[] der(String base64) {
        try {
            return Base64.getMimeDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw TwinApiException.invalid("the certificate is neither PEM nor base64 DER");
        }
    }
}
