package io.vigil.faults.topology;

import io.vigil.stack.embedded.Ports;
import io.vigil.stack.launcher.OperatorKeys;
import io.vigil.stack.launcher.ServiceProcess;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the harness runs and can break: PostgreSQL and the broker each in a process of its own, the
 * {@link DatabaseProxy} between the services and PostgreSQL, and the four services as the run command starts
 * them. Every port is a free one; every process writes to a log file in {@code <data-dir>/logs}.
 */
public final class Topology implements AutoCloseable {

    public static final List<String> SERVICES = List.of("ingest-service", "detection-service", "twin-service", "query-service");
    public static final String DATABASE = "vigil";
    private static final String DEFAULT_SERVICE_JAVA_OPTIONS = "-XX:+UseSerialGC -Xmx384m -XX:+ExitOnOutOfMemoryError";
    private static final Duration READY_TIMEOUT = Duration.ofMinutes(3);

    private final Installation installation;
    private final Path dataDir;
    private final int postgresPort = Ports.any();
    private final int brokerPort = Ports.any();
    private final Map<String, Integer> httpPorts = new LinkedHashMap<>();
    private final Map<String, ServiceProcess> services = new LinkedHashMap<>();
    private final Map<String, PrintStream> logs = new LinkedHashMap<>();
    private final String serviceJavaOptions;
    private StandaloneServerProcess postgres;
    private StandaloneServerProcess broker;
    private DatabaseProxy proxy;
    private OperatorKeys keys;

    private Topology(Installation installation, Path dataDir) {
        this.installation = installation;
        this.dataDir = dataDir;
        this.serviceJavaOptions = Optional.ofNullable(System.getenv("VIGIL_SERVICE_JAVA_OPTS")).orElse(DEFAULT_SERVICE_JAVA_OPTIONS);
    }

    /** Starts everything from empty data and returns once every service is ready. */
    public static Topology start(Installation installation, Path dataDir) throws Exception {
        Topology topology = new Topology(installation, dataDir.toAbsolutePath());
        try {
            topology.startAll();
            return topology;
        } catch (Exception | Error e) {
            topology.close();
            throw e;
        }
    }

    private void startAll() throws Exception {
        Files.createDirectories(dataDir.resolve("logs"));
        postgres = StandaloneServerProcess.start("postgres", installation, dataDir.resolve("postgres"), postgresPort, true, log("postgres"));
        try (Connection admin = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + postgresPort + "/postgres", "postgres", "");
             var statement = admin.createStatement()) {
            statement.execute("CREATE DATABASE " + DATABASE);
        }
        proxy = DatabaseProxy.start(Ports.any(), "127.0.0.1", postgresPort);
        broker = StandaloneServerProcess.start("broker", installation, dataDir.resolve("broker"), brokerPort, true, log("broker"));
        keys = OperatorKeys.in(dataDir.resolve("keys"));
        for (String service : SERVICES) {
            httpPorts.put(service, Ports.any());
            startService(service);
        }
        for (String service : SERVICES) {
            awaitReady(service, READY_TIMEOUT);
        }
    }

    public void startService(String name) {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("VIGIL_DB_HOST", "127.0.0.1");
        environment.put("VIGIL_DB_PORT", String.valueOf(proxy.port()));
        environment.put("VIGIL_DB_NAME", DATABASE);
        environment.put("VIGIL_DB_USER", "postgres");
        environment.put("VIGIL_DB_PASSWORD", "");
        environment.put("VIGIL_BROKER_HOST", "127.0.0.1");
        environment.put("VIGIL_BROKER_PORT", String.valueOf(brokerPort));
        environment.put("VIGIL_SECURITY_PUBLIC_KEY", keys.publicKeyFile().toString());
        services.put(name, ServiceProcess.start(name, installation.home(), httpPorts.get(name), serviceJavaOptions, environment, log(name)));
    }

    /** Waits until the service answers its readiness check; fails when it exits or the timeout passes. */
    public void awaitReady(String name, Duration timeout) throws InterruptedException {
        ServiceProcess service = services.get(name);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!service.isReady()) {
            if (!service.isAlive()) {
                throw new IllegalStateException(name + " exited with " + service.exitValue() + "; see " + logFile(name));
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(name + " not ready after " + timeout.toSeconds() + " s; see " + logFile(name));
            }
            Thread.sleep(200);
        }
    }

    public boolean isReady(String name) {
        return services.get(name).isReady();
    }

    /** SIGKILL, as a crash or the OOM killer would. */
    public void kill(String name) {
        services.get(name).kill();
    }

    public ServiceProcess service(String name) {
        return services.get(name);
    }

    public int httpPort(String name) {
        return httpPorts.get(name);
    }

    public void stopBroker() {
        broker.stop();
    }

    public void startBroker() throws IOException {
        broker = StandaloneServerProcess.start("broker", installation, dataDir.resolve("broker"), brokerPort, false, log("broker"));
    }

    public void stopPostgres() {
        postgres.stop();
    }

    public void startPostgres() throws IOException {
        postgres = StandaloneServerProcess.start("postgres", installation, dataDir.resolve("postgres"), postgresPort, false, log("postgres"));
    }

    public DatabaseProxy proxy() {
        return proxy;
    }

    public int brokerPort() {
        return brokerPort;
    }

    /** A connection straight to PostgreSQL, around the proxy, for the harness's own checks. */
    public Connection connect() throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + postgresPort + "/" + DATABASE, "postgres", "");
    }

    public Path logFile(String name) {
        return dataDir.resolve("logs").resolve(name + ".log");
    }

    private PrintStream log(String name) {
        return logs.computeIfAbsent(name, n -> {
            try {
                return new PrintStream(new FileOutputStream(logFile(n).toFile(), true), true, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    /** Stops the services, then the broker and PostgreSQL; nothing is left running. */
    @Override
    public void close() {
        services.values().parallelStream().forEach(service -> service.stop(Duration.ofSeconds(20)));
        if (broker != null) {
            broker.stop();
        }
        if (proxy != null) {
            proxy.close();
        }
        if (postgres != null) {
            postgres.stop();
        }
        logs.values().forEach(PrintStream::close);
    }
}
