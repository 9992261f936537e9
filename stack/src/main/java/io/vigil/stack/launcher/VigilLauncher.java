package io.vigil.stack.launcher;

import io.vigil.stack.brokerauth.DeviceAuthExtension;
import io.vigil.stack.brokerauth.ServiceAccount;
import io.vigil.stack.brokertls.BrokerTlsIdentity;
import io.vigil.stack.embedded.EmbeddedBroker;
import io.vigil.stack.embedded.EmbeddedPostgresServer;
import io.vigil.stack.embedded.Ports;

import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.net.URI;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The run command. Starts PostgreSQL and the broker (embedded unless URLs are given), then the four services,
 * waits until every one is ready, prints where everything listens and stops it all on Ctrl-C.
 */
public final class VigilLauncher {

    static final List<String> SERVICES = List.of("ingest-service", "detection-service", "twin-service", "query-service");
    private static final String DEFAULT_SERVICE_JAVA_OPTIONS = "-XX:+UseSerialGC -Xmx384m -XX:+ExitOnOutOfMemoryError";
    private static final int DEFAULT_DB_PORT = 15432;
    private static final int DEFAULT_BROKER_PORT = 1883;
    private static final int DEFAULT_BROKER_TLS_PORT = 8883;
    private static final String DEFAULT_DATABASE = "vigil";
    private static final Duration ADMIN_TOKEN_LIFETIME = Duration.ofHours(8);

    private final LauncherOptions options;
    private final PrintStream out;
    private final List<ServiceProcess> services = new ArrayList<>();
    private final AtomicBoolean stopped = new AtomicBoolean();
    private EmbeddedPostgresServer embeddedPostgres;
    private EmbeddedBroker embeddedBroker;
    private Path dataDir;

    VigilLauncher(LauncherOptions options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    public static void main(String[] args) {
        try {
            LauncherOptions options = LauncherOptions.parse(args, System.getenv());
            if (options.help()) {
                System.out.print(LauncherOptions.USAGE);
                return;
            }
            VigilLauncher launcher = new VigilLauncher(options, System.out);
            Runtime.getRuntime().addShutdownHook(new Thread(launcher::stop, "vigil-shutdown"));
            int exit = launcher.run();
            launcher.stop();
            System.exit(exit);
        } catch (LauncherException e) {
            System.err.println("vigil: " + e.getMessage());
            System.exit(2);
        }
    }

    int run() {
        Path home = options.home().orElseGet(VigilLauncher::installationHome);
        dataDir = options.dataDir().orElse(home.resolve(".vigil"));
        Endpoint database = database();
        OperatorKeys keys = OperatorKeys.in(dataDir.resolve("keys"));
        Endpoint broker = broker(keys);
        String javaOptions = Optional.ofNullable(System.getenv("VIGIL_SERVICE_JAVA_OPTS")).orElse(DEFAULT_SERVICE_JAVA_OPTIONS);

        Map<String, String> environment = serviceEnvironment(database, broker);
        environment.put("VIGIL_SECURITY_PUBLIC_KEY", keys.publicKeyFile().toAbsolutePath().toString());
        for (int i = 0; i < SERVICES.size(); i++) {
            services.add(ServiceProcess.start(SERVICES.get(i), home, options.httpPortBase() + i, javaOptions, environment, out));
        }
        if (!awaitReadiness()) {
            return 1;
        }
        printSummary(database, broker, keys.token("local-admin", ADMIN_TOKEN_LIFETIME, "reader", "operator", "admin"));
        return superviseUntilStopped();
    }

    private Endpoint database() {
        if (options.databaseUrl().isPresent()) {
            Endpoint given = Endpoint.parse(options.databaseUrl().get(), "postgresql", 5432);
            Endpoint withDefaults = new Endpoint(given.host(), given.port(),
                    given.user() == null ? "postgres" : given.user(), given.password(),
                    given.path().isEmpty() ? DEFAULT_DATABASE : given.path());
            try {
                EmbeddedPostgresServer.ensureDatabase(withDefaults.host(), withDefaults.port(), withDefaults.user(),
                        withDefaults.password(), withDefaults.path());
            } catch (SQLException e) {
                throw new LauncherException("cannot reach PostgreSQL at " + withDefaults.host() + ":" + withDefaults.port()
                        + ": " + e.getMessage());
            }
            return withDefaults;
        }
        Path folder = dataDir.resolve("postgres");
        int port = options.embeddedDatabasePort().orElse(Ports.preferring(DEFAULT_DB_PORT));
        out.println("Starting embedded PostgreSQL on port " + port + " (data in " + folder.toAbsolutePath() + ")");
        try {
            embeddedPostgres = EmbeddedPostgresServer.start(folder, port, options.clean());
            embeddedPostgres.ensureDatabase(DEFAULT_DATABASE);
        } catch (Exception e) {
            throw new LauncherException("embedded PostgreSQL did not start: " + e.getMessage());
        }
        return new Endpoint("localhost", embeddedPostgres.port(), EmbeddedPostgresServer.USER, "", DEFAULT_DATABASE);
    }

    private Endpoint broker(OperatorKeys keys) {
        if (options.brokerUrl().isPresent()) {
            Endpoint given = Endpoint.parse(options.brokerUrl().get(), "mqtt", 1883);
            if (!Ports.answers(given.host(), given.port())) {
                throw new LauncherException("no MQTT broker answers at " + given.host() + ":" + given.port());
            }
            return given;
        }
        Path folder = dataDir.resolve("broker");
        int port = options.embeddedBrokerPort().orElse(Ports.preferring(DEFAULT_BROKER_PORT));
        int tlsPort = options.embeddedBrokerTlsPort().orElse(Ports.preferring(DEFAULT_BROKER_TLS_PORT));
        out.println("Starting embedded HiveMQ broker on port " + port + ", TLS on " + tlsPort + " (data in " + folder.toAbsolutePath() + ")");
        try {
            Optional<EmbeddedBroker.TlsListener> tls = Optional.of(new EmbeddedBroker.TlsListener(tlsPort,
                    BrokerTlsIdentity.in(folder.resolve("tls"))));
            if (options.deviceAuth()) {
                ServiceAccount account = ServiceAccount.generate();
                URI twinService = URI.create("http://localhost:" + (options.httpPortBase() + SERVICES.indexOf("twin-service")));
                embeddedBroker = EmbeddedBroker.start(folder, "0.0.0.0", port, options.clean(),
                        Optional.of(new DeviceAuthExtension(account, twinService, new RenewedToken(keys, "embedded-broker", "broker"))), tls);
                return new Endpoint("localhost", embeddedBroker.port(), account.username(), account.password(), "");
            }
            embeddedBroker = EmbeddedBroker.start(folder, "0.0.0.0", port, options.clean(), Optional.empty(), tls);
        } catch (Exception e) {
            throw new LauncherException("embedded broker did not start: " + e.getMessage());
        }
        return new Endpoint("localhost", port, null, "", "");
    }

    private static Map<String, String> serviceEnvironment(Endpoint database, Endpoint broker) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("VIGIL_DB_HOST", database.host());
        env.put("VIGIL_DB_PORT", String.valueOf(database.port()));
        env.put("VIGIL_DB_NAME", database.path());
        env.put("VIGIL_DB_USER", database.user());
        env.put("VIGIL_DB_PASSWORD", database.password());
        env.put("VIGIL_BROKER_HOST", broker.host());
        env.put("VIGIL_BROKER_PORT", String.valueOf(broker.port()));
        if (broker.user() != null) {
            env.put("VIGIL_BROKER_USERNAME", broker.user());
            env.put("VIGIL_BROKER_PASSWORD", broker.password());
        }
        return env;
    }

    private boolean awaitReadiness() {
        long deadline = System.nanoTime() + Duration.ofSeconds(options.startTimeoutSeconds()).toNanos();
        List<ServiceProcess> waiting = new ArrayList<>(services);
        while (!waiting.isEmpty()) {
            for (ServiceProcess service : List.copyOf(waiting)) {
                if (!service.isAlive()) {
                    out.println("vigil: " + service.name() + " exited with code " + service.exitValue() + " before it was ready");
                    return false;
                }
                if (service.isReady()) {
                    waiting.remove(service);
                }
            }
            if (System.nanoTime() > deadline) {
                out.println("vigil: not ready after " + options.startTimeoutSeconds() + " s: "
                        + waiting.stream().map(ServiceProcess::name).toList());
                return false;
            }
            sleep(Duration.ofMillis(500));
        }
        return true;
    }

    private void printSummary(Endpoint database, Endpoint broker, String adminToken) {
        StringBuilder summary = new StringBuilder("\nVigil is up.\n");
        for (ServiceProcess service : services) {
            summary.append(String.format("  %-18s http://localhost:%d  (ready: /q/health/ready, API: /q/openapi)%n",
                    service.name(), service.httpPort()));
        }
        summary.append(String.format("  %-18s mqtt://%s:%d  %s%n", "MQTT broker", broker.host(), broker.port(),
                embeddedBroker != null ? "(embedded HiveMQ, data in " + dataDir.resolve("broker").toAbsolutePath() + ")"
                        + embeddedBroker.tls().map(tls -> String.format("%n  %-18s mqtts://%s:%d  (server certificate: %s)", "", broker.host(),
                        tls.port(), tls.identity().certificatePem().toAbsolutePath())).orElse("")
                        + (options.deviceAuth() ? "\n" + " ".repeat(21) + "devices log in with SAS tokens or certificates of the registry"
                        + " (--device-auth off lets anyone in)" : "") : "(external)"));
        summary.append(String.format("  %-18s postgresql://%s@%s:%d/%s  %s%n", "PostgreSQL", database.user(), database.host(),
                database.port(), database.path(),
                embeddedPostgres != null ? "(embedded, data in " + dataDir.resolve("postgres").toAbsolutePath() + ")" : "(external)"));
        summary.append("Admin token (roles reader, operator, admin; valid ").append(ADMIN_TOKEN_LIFETIME.toHours())
                .append(" h), for the Authorization: Bearer header:\n  ").append(adminToken).append("\n");
        summary.append("Press Ctrl-C to stop.\n");
        out.print(summary);
        out.flush();
    }

    private int superviseUntilStopped() {
        while (!stopped.get()) {
            for (ServiceProcess service : services) {
                if (!service.isAlive() && !stopped.get()) {
                    out.println("vigil: " + service.name() + " stopped unexpectedly with code " + service.exitValue()
                            + "; stopping the suite");
                    return 1;
                }
            }
            sleep(Duration.ofSeconds(1));
        }
        return 0;
    }

    /** Stops the services first, then the servers they use. Safe to call twice. */
    void stop() {
        if (!stopped.compareAndSet(false, true)) {
            return;
        }
        services.parallelStream().forEach(service -> service.stop(Duration.ofSeconds(20)));
        if (embeddedBroker != null) {
            embeddedBroker.close();
        }
        if (embeddedPostgres != null) {
            try {
                embeddedPostgres.close();
            } catch (Exception e) {
                System.err.println("vigil: PostgreSQL did not stop cleanly: " + e.getMessage());
            }
        }
        out.println("Vigil stopped.");
        out.flush();
    }

    /** The repository folder: the stack jar sits in {@code <home>/stack/target/}. */
    private static Path installationHome() {
        try {
            Path jar = Path.of(VigilLauncher.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path home = jar.getParent().getParent().getParent();
            if (Files.isDirectory(home.resolve("ingest-service"))) {
                return home;
            }
        } catch (URISyntaxException | NullPointerException e) {
            // fall through to the working directory
        }
        return Path.of("").toAbsolutePath();
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
