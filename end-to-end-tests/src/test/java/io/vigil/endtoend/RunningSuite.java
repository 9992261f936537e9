package io.vigil.endtoend;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * The suite started through the README's run command ({@code ./vigil}), as a user starts it, in its own
 * process tree. Closing it sends SIGTERM, as Ctrl-C would, and waits for the whole tree to go.
 */
final class RunningSuite implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    static final List<String> SERVICES = List.of("ingest-service", "detection-service", "twin-service", "query-service");

    private final Process process;
    private final int httpPortBase;
    private final List<String> output = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Void> up = new CompletableFuture<>();

    private RunningSuite(Process process, int httpPortBase) {
        this.process = process;
        this.httpPortBase = httpPortBase;
        Thread reader = new Thread(this::read, "suite-output");
        reader.setDaemon(true);
        reader.start();
    }

    static RunningSuite start(int httpPortBase, String... options) throws IOException {
        Path home = repositoryRoot();
        List<String> command = new ArrayList<>(List.of(home.resolve("vigil").toString(),
                "--http-port-base", String.valueOf(httpPortBase)));
        command.addAll(List.of(options));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).directory(home.toFile());
        builder.environment().remove("VIGIL_DATABASE_URL");
        builder.environment().remove("VIGIL_BROKER_URL");
        // The reactor that runs this test has just built every module.
        builder.environment().put("VIGIL_SKIP_BUILD", "true");
        // On a shared broker, a session left behind by this run would keep taking a share of later runs' messages.
        builder.environment().put("VIGIL_BROKER_PERSISTENT_SESSION", "false");
        String run = java.util.UUID.randomUUID().toString().substring(0, 8);
        builder.environment().put("VIGIL_INGEST_SUBSCRIPTION_GROUP", "vigil-ingest-e2e-" + run);
        builder.environment().put("VIGIL_DETECTION_SUBSCRIPTION_GROUP", "vigil-detection-e2e-" + run);
        builder.environment().put("VIGIL_TWIN_SUBSCRIPTION_GROUP", "vigil-twin-e2e-" + run);
        return new RunningSuite(builder.start(), httpPortBase);
    }

    /** Waits for the launcher's "Vigil is up." line. */
    void awaitUp(Duration timeout) throws Exception {
        try {
            up.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new AssertionError(whyNotUp(), e);
        }
    }

    /**
     * The launcher's output, what says why first: a CI log keeps the start and the end of a long message, and the
     * reason a service died sits in the middle of thousands of lines of start-up logging.
     */
    private String whyNotUp() {
        List<String> lines = List.copyOf(output);
        List<String> telling = lines.stream()
                .filter(line -> line.startsWith("vigil:") || line.contains(" ERROR ") || line.contains("Exception")
                        || line.contains("Caused by") || line.contains("FATAL"))
                .limit(40).toList();
        String exit = process.isAlive() ? "still running" : "exited with code " + process.exitValue();
        return "the suite did not come up (launcher " + exit + ")\n--- lines that say why:\n" + String.join("\n", telling)
                + "\n--- last lines:\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()))
                + "\n--- whole output:\n" + String.join("\n", lines);
    }

    int httpPort(String service) {
        return httpPortBase + SERVICES.indexOf(service);
    }

    HttpResponse<String> get(String service, String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + httpPort(service) + path))
                .timeout(Duration.ofSeconds(10)).GET().build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }

    List<String> output() {
        return output;
    }

    /** The admin token the launcher printed for its operator. */
    String adminToken() {
        for (int i = 0; i + 1 < output.size(); i++) {
            if (output.get(i).startsWith("Admin token")) {
                return output.get(i + 1).trim();
            }
        }
        throw new AssertionError("the launcher printed no admin token");
    }

    HttpResponse<String> get(String service, String path, String token) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + httpPort(service) + path))
                .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(10)).GET().build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> put(String service, String path, String token, String json) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + httpPort(service) + path))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)).timeout(Duration.ofSeconds(10)).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** The rows of a KQL query's first table, through query-service. */
    JsonNode kqlRows(String token, String kql) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + httpPort("query-service") + "/v1/workspaces/e2e/query"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("query", kql))))
                .timeout(Duration.ofSeconds(10)).build();
        return JSON.readTree(HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()).body()).at("/tables/0/rows");
    }

    List<ProcessHandle> processTree() {
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        tree.add(process.toHandle());
        return tree;
    }

    /** Stops the suite like Ctrl-C does and returns the launcher's exit code. */
    int stop(Duration timeout) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("the launcher did not stop within " + timeout);
        }
        return process.exitValue();
    }

    @Override
    public void close() {
        List<ProcessHandle> tree = processTree();
        process.destroy();
        try {
            process.waitFor(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        tree.forEach(ProcessHandle::destroyForcibly);
    }

    private void read() {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                output.add(line);
                if (line.startsWith("Vigil is up.")) {
                    up.complete(null);
                }
            }
        } catch (IOException ignored) {
            // process gone
        }
        up.completeExceptionally(new IllegalStateException("the launcher exited"));
    }

    /**
     * A base port with the three after it free too, for the four services' HTTP ports. Below Linux's ephemeral range
     * (32768 up): there a port free now can be taken by an outgoing connection before the service listens on it.
     */
    static int freePortRange() {
        for (int attempt = 0; attempt < 50; attempt++) {
            int base = java.util.concurrent.ThreadLocalRandom.current().nextInt(20000, 32000);
            if (isFree(base) && isFree(base + 1) && isFree(base + 2) && isFree(base + 3)) {
                return base;
            }
        }
        throw new IllegalStateException("no four consecutive free ports");
    }

    static int freePort() throws IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static boolean isFree(int port) {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isRegularFile(dir.resolve("vigil"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("no ./vigil above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }
}
