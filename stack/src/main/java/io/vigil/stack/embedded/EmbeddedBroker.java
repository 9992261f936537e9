package io.vigil.stack.embedded;

import com.hivemq.embedded.EmbeddedExtension;
import com.hivemq.embedded.EmbeddedHiveMQ;
import com.hivemq.embedded.EmbeddedHiveMQBuilder;
import com.hivemq.extension.sdk.api.ExtensionMain;

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

    private final EmbeddedHiveMQ hivemq;
    private final int port;

    private EmbeddedBroker(EmbeddedHiveMQ hivemq, int port) {
        this.hivemq = hivemq;
        this.port = port;
    }

    public static EmbeddedBroker start(Path folder, String bindAddress, int port, boolean clean) throws IOException {
        return start(folder, bindAddress, port, clean, Optional.empty());
    }

    /**
     * Starts the broker, with an extension of the suite's own loaded before any client can connect (the device
     * login check, {@link io.vigil.stack.brokerauth.DeviceAuthExtension}).
     */
    public static EmbeddedBroker start(Path folder, String bindAddress, int port, boolean clean, Optional<ExtensionMain> extension)
            throws IOException {
        Path config = folder.resolve("conf");
        Path data = folder.resolve("data");
        Path extensions = folder.resolve("extensions");
        if (clean) {
            Folders.deleteRecursively(data);
        }
        Files.createDirectories(config);
        Files.createDirectories(data);
        Files.createDirectories(extensions);
        Files.writeString(config.resolve("config.xml"), configuration(bindAddress, port), StandardCharsets.UTF_8);
        EmbeddedHiveMQBuilder builder = EmbeddedHiveMQ.builder()
                .withConfigurationFolder(config)
                .withDataFolder(data)
                .withExtensionsFolder(extensions);
        extension.ifPresent(main -> builder.withEmbeddedExtension(EmbeddedExtension.builder()
                .withId("vigil-device-auth").withName("Vigil device authentication").withVersion("1").withAuthor("Vigil")
                .withPriority(1000).withStartPriority(1000).withExtensionMain(main).build()));
        EmbeddedHiveMQ hivemq = builder.build();
        hivemq.start().join();
        return new EmbeddedBroker(hivemq, port);
    }

    public int port() {
        return port;
    }

    private static String configuration(String bindAddress, int port) {
        return """
                <?xml version="1.0"?>
                <hivemq>
                  <listeners>
                    <tcp-listener>
                      <port>%d</port>
                      <bind-address>%s</bind-address>
                    </tcp-listener>
                  </listeners>
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
                """.formatted(port, bindAddress);
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
