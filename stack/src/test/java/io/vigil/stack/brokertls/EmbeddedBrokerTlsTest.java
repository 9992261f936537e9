package io.vigil.stack.brokertls;

import com.hivemq.extension.sdk.api.ExtensionMain;
import com.hivemq.extension.sdk.api.auth.SimpleAuthenticator;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartOutput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopOutput;
import com.hivemq.extension.sdk.api.services.Services;
import io.vigil.stack.embedded.EmbeddedBroker;
import io.vigil.stack.embedded.Ports;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The embedded broker's TLS listener hands every client certificate to the login check, expired and self-signed
 * ones included, and the JDK still refuses a server it does not trust.
 */
class EmbeddedBrokerTlsTest {

    @TempDir
    static Path folder;

    private static final List<X509Certificate> SEEN = new CopyOnWriteArrayList<>();
    private static EmbeddedBroker broker;
    private static BrokerTlsIdentity identity;

    @BeforeAll
    static void startBroker() throws IOException {
        identity = BrokerTlsIdentity.in(folder.resolve("tls"));
        broker = EmbeddedBroker.start(folder.resolve("broker"), "127.0.0.1", Ports.any(), true,
                Optional.of(new RecordingExtension()), Optional.of(new EmbeddedBroker.TlsListener(Ports.any(), identity)));
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void anExpiredSelfSignedClientCertificateReachesTheLoginCheck() throws Exception {
        Path store = clientCertificate("expired-device", 30, 1);
        int connack = connect(store, "expired-device");
        assertThat(connack).as("CONNACK return code").isZero();
        assertThat(SEEN).anySatisfy(certificate -> {
            assertThat(certificate.getSubjectX500Principal().getName()).isEqualTo("CN=expired-device");
            assertThat(certificate.getNotAfter().toInstant()).isBefore(Instant.now());
        });
    }

    @Test
    void theIdentityIsMadeOnceAndKept() throws IOException {
        BrokerTlsIdentity again = BrokerTlsIdentity.in(folder.resolve("tls"));
        assertThat(again.password()).isEqualTo(identity.password());
        assertThat(Files.readString(again.certificatePem())).isEqualTo(Files.readString(identity.certificatePem()));
    }

    @Test
    void serverCertificatesAreStillCheckedByTheDefaultTrustManager() throws Exception {
        // Installed by the broker's start: the default algorithm is now the registry-decides one.
        assertThat(TrustManagerFactory.getDefaultAlgorithm()).isEqualTo(DeviceCertificateTrust.ALGORITHM);
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init((KeyStore) null);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        // The broker's self-signed certificate is in no JDK trust store.
        try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", broker.tls().orElseThrow().port())) {
            assertThatThrownBy(socket::startHandshake).isInstanceOf(SSLHandshakeException.class);
        }
    }

    private static Path clientCertificate(String name, int startDaysAgo, int validityDays) throws IOException {
        Path store = folder.resolve(name + ".p12");
        Keytool.run("secret", "-genkeypair", "-alias", "device", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=" + name, "-startdate", "-" + startDaysAgo + "d", "-validity", String.valueOf(validityDays),
                "-keystore", store.toString(), "-storetype", "PKCS12",
                "-storepass:env", Keytool.PASSWORD_VARIABLE, "-keypass:env", Keytool.PASSWORD_VARIABLE);
        return store;
    }

    /** An MQTT 3.1.1 CONNECT over TLS with the client certificate in {@code store}; answers the CONNACK's code. */
    private static int connect(Path store, String clientId) throws Exception {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keys.load(in, "secret".toCharArray());
        }
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, "secret".toCharArray());
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        try (InputStream in = Files.newInputStream(identity.certificatePem())) {
            trusted.setCertificateEntry("broker", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance("PKIX");
        trust.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keyManagers.getKeyManagers(), trust.getTrustManagers(), null);
        try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", broker.tls().orElseThrow().port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(connectPacket(clientId));
            out.flush();
            DataInputStream in = new DataInputStream(socket.getInputStream());
            assertThat(in.readUnsignedByte()).as("CONNACK packet type").isEqualTo(0x20);
            assertThat(in.readUnsignedByte()).as("CONNACK length").isEqualTo(2);
            in.readUnsignedByte();
            return in.readUnsignedByte();
        }
    }

    private static byte[] connectPacket(String clientId) throws IOException {
        ByteArrayOutputStream variable = new ByteArrayOutputStream();
        writeString(variable, "MQTT");
        variable.write(4);      // protocol level 3.1.1
        variable.write(0x02);   // clean session, no user name or password
        variable.write(0);
        variable.write(30);     // keep alive, seconds
        writeString(variable, clientId);
        ByteArrayOutputStream packet = new ByteArrayOutputStream();
        packet.write(0x10);
        packet.write(variable.size());
        variable.writeTo(packet);
        return packet.toByteArray();
    }

    private static void writeString(ByteArrayOutputStream out, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        out.write(bytes.length >> 8);
        out.write(bytes.length & 0xff);
        out.writeBytes(bytes);
    }

    /** Lets every client in and keeps the certificate each one presented. */
    private static final class RecordingExtension implements ExtensionMain {

        @Override
        public void extensionStart(ExtensionStartInput input, ExtensionStartOutput output) {
            SimpleAuthenticator authenticator = (auth, result) -> {
                auth.getConnectionInformation().getClientTlsInformation()
                        .flatMap(tls -> tls.getClientCertificate()).ifPresent(SEEN::add);
                result.authenticateSuccessfully();
            };
            Services.securityRegistry().setAuthenticatorProvider(provider -> authenticator);
        }

        @Override
        public void extensionStop(ExtensionStopInput input, ExtensionStopOutput output) {
        }
    }
}
