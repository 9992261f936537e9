package io.vigil.endtoend;

import io.vigil.testing.Infrastructure;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One packaged service started as its own process against the test PostgreSQL and broker, so that a test can
 * kill it the hard way and start it again, as a crash would.
 */
final class ServiceUnderTest implements AutoCloseable {

    private final String name;
    private final int httpPort;
    private final Map<String, String> environment;
    private final Path log;
    private Process process;

    ServiceUnderTest(String name, int httpPort, String database, Map<String, String> extraEnvironment) {
        this.name = name;
        this.httpPort = httpPort;
        Infrastructure infrastructure = Infrastructure.shared();
        this.environment = new java.util.HashMap<>(Map.of(
                "VIGIL_DB_HOST", infrastructure.dbHost(),
                "VIGIL_DB_PORT", String.valueOf(infrastructure.dbPort()),
                "VIGIL_DB_NAME", database,
                "VIGIL_DB_USER", infrastructure.dbUser(),
                "VIGIL_DB_PASSWORD", infrastructure.dbPassword(),
                "VIGIL_BROKER_HOST", infrastructure.brokerHost(),
                "VIGIL_BROKER_PORT", String.valueOf(infrastructure.brokerPort()),
                "QUARKUS_HTTP_PORT", String.valueOf(httpPort)));
        this.environment.put("VIGIL_SECURITY_PUBLIC_KEY", testPublicKey().toString());
        this.environment.putAll(extraEnvironment);
        this.log = Path.of("target", name + "-" + httpPort + ".log").toAbsolutePath();
    }

    /** The public half of the testing module's key pair, as a file the service can read. */
    private static Path testPublicKey() {
        try (var in = ServiceUnderTest.class.getResourceAsStream("/vigil-test-keys/publicKey.pem")) {
            Path file = Files.createTempFile("vigil-test-public-key", ".pem");
            Files.write(file, in.readAllBytes());
            file.toFile().deleteOnExit();
            return file;
        } catch (IOException e) {
            throw new IllegalStateException("the test public key is unreadable", e);
        }
    }

    int httpPort() {
        return httpPort;
    }

    void start() throws IOException {
        Path jar = RunningSuite.repositoryRoot().resolve(name).resolve("target/quarkus-app/quarkus-run.jar");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC", "-Xmx384m", "-jar", jar.toString()));
        Files.createDirectories(log.getParent());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(new File(log.toString())));
        builder.environment().putAll(environment);
        process = builder.start();
    }

    void awaitReady(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        HttpClient http = HttpClient.newHttpClient();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError(name + " exited early; see " + log);
            }
            try {
                HttpResponse<Void> response = http.send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + httpPort + "/q/health/ready")).build(), HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(250);
        }
        throw new AssertionError(name + " not ready within " + timeout + "; see " + log);
    }

    /** SIGKILL: no shutdown hook, no goodbye to the broker, as in a crash or an OOM kill. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
