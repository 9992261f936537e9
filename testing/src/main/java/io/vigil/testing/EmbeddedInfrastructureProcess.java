package io.vigil.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Starts the stack's embedded PostgreSQL and HiveMQ in a child JVM and waits for its ready line. The child stops
 * when its standard input closes, which happens when this JVM exits however it exits.
 */
final class EmbeddedInfrastructureProcess {

    private static final Pattern READY = Pattern.compile(
            "VIGIL-INFRASTRUCTURE-READY db=([^:]+):(\\d+) broker=([^:]+):(\\d+)");

    private EmbeddedInfrastructureProcess() {
    }

    static Infrastructure start() {
        Path stackJar = findStackJar();
        try {
            Path dataDir = Files.createTempDirectory("vigil-test-infrastructure");
            Process process = new ProcessBuilder(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", stackJar.toString(),
                    "io.vigil.stack.embedded.EmbeddedInfrastructure",
                    "--data-dir", dataDir.toString()))
                    .redirectErrorStream(true)
                    .start();
            Runtime.getRuntime().addShutdownHook(new Thread(process::destroy));
            CompletableFuture<Infrastructure> ready = new CompletableFuture<>();
            Thread reader = new Thread(() -> forwardUntilExit(process, ready), "embedded-infrastructure-output");
            reader.setDaemon(true);
            reader.start();
            return ready.get(180, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("the embedded PostgreSQL and broker did not start", e);
        }
    }

    private static void forwardUntilExit(Process process, CompletableFuture<Infrastructure> ready) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                Matcher matcher = READY.matcher(line);
                if (matcher.find()) {
                    ready.complete(new Infrastructure("embedded", matcher.group(1), Integer.parseInt(matcher.group(2)),
                            "postgres", "", matcher.group(3), Integer.parseInt(matcher.group(4))));
                } else if (!ready.isDone()) {
                    System.out.println("[embedded] " + line);
                }
            }
        } catch (IOException ignored) {
            // the child is gone; the future below says so
        }
        ready.completeExceptionally(new IllegalStateException("embedded infrastructure exited with " + process.exitValue()));
    }

    private static Path findStackJar() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            Path candidate = dir.resolve("stack/target/vigil-stack.jar");
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("stack/target/vigil-stack.jar not found above " + Path.of("").toAbsolutePath()
                + "; build the stack module first (./mvnw -pl stack package)");
    }
}
