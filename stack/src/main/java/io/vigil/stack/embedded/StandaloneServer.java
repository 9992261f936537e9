package io.vigil.stack.embedded;

import java.io.InputStream;
import java.nio.file.Path;

/**
 * One embedded server, PostgreSQL or the broker, alone in its own JVM with its data in a folder that outlives it,
 * so that a harness can stop it and start it again on the same port and data (a broker restart keeps persistent
 * sessions and their queued messages). Prints one machine-readable line when it is up and runs until its standard
 * input closes or it is sent SIGTERM; either way it stops the server cleanly.
 * <p>
 * Usage: {@code StandaloneServer postgres|broker --data-dir DIR --port N [--clean]}
 */
public final class StandaloneServer {

    private StandaloneServer() {
    }

    public static void main(String[] args) throws Exception {
        String kind = args.length > 0 ? args[0] : "";
        Path dataDir = Path.of(option(args, "--data-dir", "target/standalone-" + kind));
        int port = Integer.parseInt(option(args, "--port", "0"));
        boolean clean = java.util.Arrays.asList(args).contains("--clean");
        AutoCloseable server = switch (kind) {
            case "postgres" -> EmbeddedPostgresServer.start(dataDir, port == 0 ? Ports.any() : port, clean);
            case "broker" -> EmbeddedBroker.start(dataDir, "127.0.0.1", port == 0 ? Ports.any() : port, clean);
            default -> throw new IllegalArgumentException("usage: StandaloneServer postgres|broker --data-dir DIR --port N [--clean]");
        };
        int actualPort = server instanceof EmbeddedPostgresServer postgres ? postgres.port() : ((EmbeddedBroker) server).port();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                server.close();
            } catch (Exception e) {
                System.err.println(kind + " did not stop cleanly: " + e.getMessage());
            }
        }, "standalone-server-stop"));
        System.out.println("VIGIL-SERVER-READY " + kind + " port=" + actualPort);
        System.out.flush();
        InputStream parent = System.in;
        while (parent.read() >= 0) {
            // nothing to read; the loop ends when the parent closes the pipe
        }
        System.exit(0);
    }

    private static String option(String[] args, String name, String fallback) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }
}
