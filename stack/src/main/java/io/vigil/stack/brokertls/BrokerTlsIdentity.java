package io.vigil.stack.brokertls;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;

/**
 * The embedded broker's TLS server identity: a key pair and a self-signed certificate for this machine, made once
 * with the JDK's keytool and kept in a folder, so that devices that trust {@link #certificatePem()} keep trusting
 * the broker across runs.
 *
 * @param keyStore        PKCS #12 store with the broker's key and certificate
 * @param trustStore      PKCS #12 store with the broker's certificate only; HiveMQ needs one to ask for client
 *                        certificates at all ({@link DeviceCertificateTrust} decides what is accepted)
 * @param password        the password of both stores
 * @param certificatePem  the broker's certificate, for devices to trust
 */
public record BrokerTlsIdentity(Path keyStore, Path trustStore, String password, Path certificatePem) {

    private static final String ALIAS = "vigil-broker";
    private static final int VALIDITY_DAYS = 825;

    /** The identity kept in {@code folder}, made there first if it is not complete. */
    public static BrokerTlsIdentity in(Path folder) throws IOException {
        BrokerTlsIdentity identity = new BrokerTlsIdentity(folder.resolve("broker.p12"), folder.resolve("truststore.p12"),
                null, folder.resolve("broker-certificate.pem"));
        Path passwordFile = folder.resolve("store-password");
        if (Files.exists(identity.keyStore) && Files.exists(identity.trustStore) && Files.exists(identity.certificatePem)
                && Files.exists(passwordFile)) {
            return identity.withPassword(Files.readString(passwordFile, StandardCharsets.UTF_8).trim());
        }
        Files.createDirectories(folder);
        for (Path stale : List.of(identity.keyStore, identity.trustStore, identity.certificatePem, passwordFile)) {
            Files.deleteIfExists(stale);
        }
        byte[] secret = new byte[18];
        new SecureRandom().nextBytes(secret);
        String password = HexFormat.of().formatHex(secret);
        Files.writeString(passwordFile, password, StandardCharsets.UTF_8);
        restrictToOwner(passwordFile);
        BrokerTlsIdentity made = identity.withPassword(password);
        made.generate();
        restrictToOwner(made.keyStore);
        return made;
    }

    private BrokerTlsIdentity withPassword(String password) {
        return new BrokerTlsIdentity(keyStore, trustStore, password, certificatePem);
    }

    private void generate() throws IOException {
        keytool("-genkeypair", "-alias", ALIAS, "-keyalg", "EC", "-groupname", "secp256r1", "-sigalg", "SHA256withECDSA",
                "-dname", "CN=" + hostName() + ",O=Vigil embedded broker", "-ext", "SAN=" + subjectAlternativeNames(),
                "-validity", String.valueOf(VALIDITY_DAYS), "-keystore", keyStore.toString(), "-storetype", "PKCS12",
                "-storepass:env", Keytool.PASSWORD_VARIABLE, "-keypass:env", Keytool.PASSWORD_VARIABLE);
        keytool("-exportcert", "-rfc", "-alias", ALIAS, "-keystore", keyStore.toString(), "-storepass:env", Keytool.PASSWORD_VARIABLE,
                "-file", certificatePem.toString());
        keytool("-importcert", "-noprompt", "-alias", ALIAS, "-file", certificatePem.toString(), "-keystore", trustStore.toString(),
                "-storetype", "PKCS12", "-storepass:env", Keytool.PASSWORD_VARIABLE);
    }

    private void keytool(String... arguments) throws IOException {
        Keytool.run(password, arguments);
    }

    private static String subjectAlternativeNames() {
        String host = hostName();
        return "dns:localhost,ip:127.0.0.1,ip:::1" + (host.equals("localhost") ? "" : ",dns:" + host);
    }

    private static String hostName() {
        try {
            String name = InetAddress.getLocalHost().getHostName();
            return name.matches("[A-Za-z0-9.-]+") ? name : "localhost";
        } catch (IOException e) {
            return "localhost";
        }
    }

    private static void restrictToOwner(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system; the folder's own permissions apply
        }
    }
}
