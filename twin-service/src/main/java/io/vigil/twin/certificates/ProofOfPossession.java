package io.vigil.twin.certificates;

import io.vigil.twin.http.TwinApiException;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;

/**
 * IoT Hub's proof of possession of a CA certificate's key: the hub hands out a random verification code, and whoever
 * holds the CA's private key answers with a certificate whose subject common name is that code, signed by that key.
 * Anyone can upload a CA certificate they found; only its owner can sign the answer.
 */
public final class ProofOfPossession {

    /** 160 random bits, written as IoT Hub writes its codes (40 upper-case hex digits): short enough for a CN. */
    private static final int CODE_BYTES = 20;
    private static final SecureRandom RANDOM = new SecureRandom();

    private ProofOfPossession() {
    }

    public static String newVerificationCode() {
        byte[] code = new byte[CODE_BYTES];
        RANDOM.nextBytes(code);
        return HexFormat.of().withUpperCase().formatHex(code);
    }

    /**
     * Checks the answer to the challenge {@code verificationCode} of {@code ca}; a 400 with the reason when it is no
     * proof. The reason never repeats the code.
     */
    public static void check(CaCertificate ca, String answer, Instant now) {
        if (ca.verificationCode() == null) {
            throw refused("no verification code was generated for certificate " + ca.name() + "; POST generateVerificationCode first");
        }
        if (answer == null || answer.isBlank()) {
            throw TwinApiException.invalid("certificate must hold the verification certificate, PEM or base64 DER");
        }
        X509Certificate presented = CertificateText.read(answer);
        X509Certificate authority = CertificateText.read(ca.pem());
        if (!ca.expiry().isAfter(now)) {
            throw refused("certificate " + ca.name() + " expired at " + ca.expiry());
        }
        try {
            presented.verify(authority.getPublicKey());
        } catch (GeneralSecurityException e) {
            throw refused("the verification certificate is not signed by the key of certificate " + ca.name());
        }
        try {
            presented.checkValidity(Date.from(now));
        } catch (CertificateExpiredException e) {
            throw refused("the verification certificate expired at " + presented.getNotAfter().toInstant());
        } catch (CertificateNotYetValidException e) {
            throw refused("the verification certificate is not valid before " + presented.getNotBefore().toInstant());
        }
        String commonName = CertificateText.commonName(presented).orElse("");
        if (!MessageDigest.isEqual(commonName.getBytes(StandardCharsets.UTF_8), ca.verificationCode().getBytes(StandardCharsets.UTF_8))) {
            throw refused("the verification certificate's subject common name is not the verification code of certificate " + ca.name());
        }
    }

    private static TwinApiException refused(String reason) {
        return new TwinApiException(400, "CertificateVerificationFailed", reason);
    }
}
