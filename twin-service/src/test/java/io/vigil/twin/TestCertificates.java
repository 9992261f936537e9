package io.vigil.twin;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The certificates of {@code src/test/resources/certificates/}, made with the JDK's keytool: a CA ({@code test-ca}),
 * a device certificate it issued ({@code ca-device-1}), a self-signed one with the same name, a certificate that is
 * no CA's and an expired CA.
 */
public final class TestCertificates {

    private TestCertificates() {
    }

    public static String pem(String file) {
        try (InputStream in = TestCertificates.class.getResourceAsStream("/certificates/" + file)) {
            if (in == null) {
                throw new IllegalArgumentException("no test certificate " + file);
            }
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
