package io.vigil.stack.embedded;

import com.hivemq.embedded.EmbeddedExtension;
import com.hivemq.embedded.EmbeddedHiveMQ;
import com.hivemq.embedded.EmbeddedHiveMQBuilder;
import com.hivemq.extension.sdk.api.ExtensionMain;
import io.vigil.stack.brokertls.BrokerTlsIdentity;
import io.vigil.stack.brokertls.DeviceCertificateTrust;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * An embedded HiveMQ Community Edition broker with shared subscriptions and persistent sessions, its state kept
 * in a folder so that queued QoS 1 messages survive a restart.
 */
public final class EmbeddedBroker implements AutoCloseable {

    /**
     * A TLS listener beside the plain one, for devices that log in with X.509 certificates: it asks every client
     * for a certificate without requiring one (SAS devices may use TLS too) and accepts any, because the device
     * login check decides about certificates ({@link DeviceCertificateTrust}).
     */
    public record TlsListener(int port, BrokerTlsIdentity identity) {
    }

    private final EmbeddedHiveMQ hivemq;
    private final int port;
    private final Optional<TlsListener> tls;

    private EmbeddedBroker(EmbeddedHiveMQ hivemq, int port, Optional<TlsListener> tls) {
        this.hivemq = hivemq;
        this.port = port;
        this.tls = tls;
    }

    public static EmbeddedBroker start(Path folder, String bindAddress, int port, boolean clean) throws IOException {
        return start(folder, bindAddress, port, clean, Optional.empty(), Optional.empty());
    }

    /**
     * Starts the broker, with an extension of the suite's own loaded before any client can connect (the device
     * login check, {@link io.vigil.stack.brokerauth.DeviceAuthExtension}).
     */
    public static EmbeddedBroker start(Path folder, String bindAddress, int port, boolean clean, Optional<ExtensionMain> extension,
                                       Optional<TlsListener> tls) throws IOException {
        Path config = folder.resolve("conf");
        Path data = folder.resolve("data");
        Path extensions = folder.resolve("extensions");
        if (clean) {
            Folders.deleteRecursively(data);
        }
        Files.createDirectories(config);
        Files.createDirectories(data);
        Files.createDirectories(extensions);
        Files.writeString(config.resolve("config.xml"), configuration(bindAddress, port, tls), StandardCharsets.UTF_8);
        if (tls.isPresent()) {
            DeviceCertificateTrust.installAsDefault();
        }
        EmbeddedHiveMQBuilder builder = EmbeddedHiveMQ.builder()
                .withConfigurationFolder(config)
                .withDataFolder(data)
                .withExtensionsFolder(extensions);
        extension.ifPresent(main -> builder.withEmbeddedExtension(EmbeddedExtension.builder()
                .withId("vigil-device-auth").withName("Vigil device authentication").withVersion("1").withAuthor("Vigil")
                .withPriority(1000).withStartPriority(1000).withExtensionMain(main).build()));
        EmbeddedHiveMQ hivemq = builder.build();
        hivemq.start().join();
        return new EmbeddedBroker(hivemq, port, tls);
    }

    public int port() {
        return port;
    }

    /** The TLS listener, when the broker was started with one. */
    public Optional<TlsListener> tls() {
        return tls;
    }

    private static String configuration(String bindAddress, int port, Optional<TlsListener> tls) {
        return """
                <?xml version="1.0"?>
                <hivemq>
                  <listeners>
                    <tcp-listener>
                      <port>%d</port>
                      <bind-address>%s</bind-address>
                    </tcp-listener>
                %s  </listeners>
                  <mqtt>
                    <queued-messages>
                      <max-queue-size>100000</max-queue-size>
                      <strategy>discard</strategy>
                    </queued-messages>
                  </mqtt>
                  <anonymous-usage-statistics>
                    <enabled>false</enabled>
                  </anonymous-usage-statistics>
                </hivemq>
                """.formatted(port, bindAddress, tls.map(listener -> tlsListener(bindAddress, listener)).orElse(""));
    }

    private static String tlsListener(String bindAddress, TlsListener listener) {
        BrokerTlsIdentity identity = listener.identity();
        return """
                    <tls-tcp-listener>
                      <port>%d</port>
                      <bind-address>%s</bind-address>
                      <tls>
                        <keystore>
                          <path>%s</path>
                          <password>%s</password>
                          <private-key-password>%s</private-key-password>
                        </keystore>
                        <truststore>
                          <path>%s</path>
                          <password>%s</password>
                        </truststore>
                        <client-authentication-mode>OPTIONAL</client-authentication-mode>
                      </tls>
                    </tls-tcp-listener>
                """.formatted(listener.port(), bindAddress, xml(identity.keyStore().toAbsolutePath().toString()), identity.password(),
                identity.password(), xml(identity.trustStore().toAbsolutePath().toString()), identity.password());
    }

    private static String xml(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    @Override
    public void close() {
        hivemq.stop().join();
        try {
            hivemq.close();
        } catch (Exception e) {
            // already stopped; nothing left to release
        }
    }
}
