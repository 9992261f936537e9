package io.vigil.endtoend;

import io.vigil.stack.brokertls.Keytool;
import io.vigil.testing.TestMqttClient;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.UUID;

/**
 * A device's X.509 identity for tests: a key pair and a self-signed certificate in a PKCS #12 store, made with the
 * JDK's keytool, valid from {@code startDaysAgo} days ago for {@code validityDays} days (so an expired one is
 * {@code selfSigned(folder, id, 30, 1)}).
 */
record DeviceCertificate(Path keyStore, String password, X509Certificate certificate) {

    private static final String ALIAS = "device";

    static DeviceCertificate selfSigned(Path folder, String deviceId, int startDaysAgo, int validityDays) {
        try {
            Files.createDirectories(folder);
            Path store = folder.resolve(deviceId + "-" + UUID.randomUUID().toString().substring(0, 8) + ".p12");
            String password = UUID.randomUUID().toString();
            Keytool.run(password, "-genkeypair", "-alias", ALIAS, "-keyalg", "EC", "-groupname", "secp256r1",
                    "-sigalg", "SHA256withECDSA", "-dname", "CN=" + deviceId, "-startdate", "-" + startDaysAgo + "d",
                    "-validity", String.valueOf(validityDays), "-keystore", store.toString(), "-storetype", "PKCS12",
                    "-storepass:env", Keytool.PASSWORD_VARIABLE, "-keypass:env", Keytool.PASSWORD_VARIABLE);
            KeyStore keys = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(store)) {
                keys.load(in, password.toCharArray());
            }
            return new DeviceCertificate(store, password, (X509Certificate) keys.getCertificate(ALIAS));
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot make a test certificate for " + deviceId, e);
        }
    }

    /** The store for an MQTT client to present. */
    TestMqttClient.ClientKeyStore clientKeyStore() {
        return new TestMqttClient.ClientKeyStore(keyStore, password);
    }

    /** Upper-case hex SHA-1 of the certificate, as the registry holds thumbprints. */
    String sha1Thumbprint() {
        try {
            return HexFormat.of().withUpperCase().formatHex(MessageDigest.getInstance("SHA-1").digest(certificate.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
