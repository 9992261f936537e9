package io.vigil.stack.embedded;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

/**
 * Embedded PostgreSQL and broker for test JVMs, on free ports and throw-away data. Prints one machine-readable
 * line when both are up and runs until its standard input closes, which is how it notices that the JVM that
 * started it is gone.
 * <p>
 * Usage: {@code EmbeddedInfrastructure --data-dir DIR}
 */
public final class EmbeddedInfrastructure {

    private EmbeddedInfrastructure() {
    }

    public static void main(String[] args) throws Exception {
        Path dataDir = Path.of(args.length >= 2 && args[0].equals("--data-dir") ? args[1] : "target/embedded-infrastructure");
        EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(dataDir.resolve("postgres"), Ports.any(), true);
        EmbeddedBroker broker = EmbeddedBroker.start(dataDir.resolve("broker"), "127.0.0.1", Ports.any(), true);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            broker.close();
            try {
                postgres.close();
            } catch (IOException e) {
                System.err.println("PostgreSQL did not stop cleanly: " + e.getMessage());
            }
        }));
        System.out.println("VIGIL-INFRASTRUCTURE-READY db=127.0.0.1:" + postgres.port() + " broker=127.0.0.1:" + broker.port());
        System.out.flush();
        InputStream parent = System.in;
        while (parent.read() >= 0) {
            // nothing to read; the loop ends when the parent closes the pipe
        }
        System.exit(0);
    }
}
