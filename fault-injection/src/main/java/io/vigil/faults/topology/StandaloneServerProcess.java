package io.vigil.faults.topology;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * PostgreSQL or the broker in a JVM of its own (the stack's {@code StandaloneServer}), on a fixed port and a data
 * folder that outlives the process, so that stopping it and starting it again is a real restart of the server.
 */
public final class StandaloneServerProcess {

    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration STOP_TIMEOUT = Duration.ofMinutes(1);

    private final String kind;
    private final Process process;

    private StandaloneServerProcess(String kind, Process process) {
        this.kind = kind;
        this.process = process;
    }

    /** Starts the server and returns once it prints that it is up. */
    public static StandaloneServerProcess start(String kind, Installation installation, Path dataDir, int port,
                                                boolean clean, PrintStream log) throws IOException {
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC", "-Xmx256m",
                "-cp", installation.stackJar().toString(),
                "io.vigil.stack.embedded.StandaloneServer", kind,
                "--data-dir", dataDir.toString(), "--port", String.valueOf(port)));
        if (clean) {
            command.add("--clean");
        }
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        CompletableFuture<Void> ready = new CompletableFuture<>();
        Thread reader = new Thread(() -> forward(process, kind, log, ready), kind + "-output");
        reader.setDaemon(true);
        reader.start();
        try {
            ready.get(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception e) {
            process.destroyForcibly();
            throw new IOException(kind + " did not start: " + e.getMessage(), e);
        }
        return new StandaloneServerProcess(kind, process);
    }

    /** SIGTERM: the server stops cleanly (PostgreSQL's fast shutdown, HiveMQ persisting its sessions). */
    public void stop() {
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        // PostgreSQL's own processes are children of pg_ctl, not of this JVM's child; make sure none outlives it.
        process.descendants().forEach(ProcessHandle::destroyForcibly);
    }

    public String kind() {
        return kind;
    }

    private static void forward(Process process, String kind, PrintStream log, CompletableFuture<Void> ready) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                log.println(line);
                if (line.startsWith("VIGIL-SERVER-READY " + kind)) {
                    ready.complete(null);
                }
            }
        } catch (IOException ignored) {
            // the process is gone
        }
        ready.completeExceptionally(new IllegalStateException(kind + " exited"));
    }
}
