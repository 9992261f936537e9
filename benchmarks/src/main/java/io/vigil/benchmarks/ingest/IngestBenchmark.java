package io.vigil.benchmarks.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.simulator.identity.RegistryProvisioner;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The ingest benchmark. Against a running suite ({@code ./vigil}): first the database's own bulk insert rate for
 * raw-event rows (the ceiling); then the device simulator at stepped rates while ingest's counter is sampled, up to
 * the first rate ingest cannot keep up with, giving the sustained stored events per second; then, at half that rate, a probe a second measures end-to-end lag
 * (with the load at full speed the broker's backlog only grows, so lag there says nothing).
 * <p>
 * Usage: {@code java -jar benchmarks/target/vigil-benchmarks.jar [--steps 10000,15000,...] [--step-seconds 25]
 * [--devices 100] [--events-per-message 10] [--broker-host localhost] [--broker-port 1883] [--db-port 15432]
 * [--ingest-port 8081] [--lag-seconds 30] [--token <admin token> [--twin-url http://localhost:8083]]}; with a token the
 * simulated devices and the probe are created in the registry and log in with SAS tokens, as the embedded broker
 * requires unless the suite runs with {@code --device-auth off}.
 */
public final class IngestBenchmark {

    private IngestBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        String jdbc = "jdbc:postgresql://" + options.dbHost + ":" + options.dbPort + "/" + options.dbName;
        try (Connection database = DriverManager.getConnection(jdbc, options.dbUser, options.dbPassword)) {
            System.out.printf("Measuring PostgreSQL's bulk insert rate for raw-event rows (%d s, batches of 4000, one connection)...%n",
                    options.limitSeconds);
            double limit = BulkInsertLimit.rowsPerSecond(database, Duration.ofSeconds(options.limitSeconds), 4000);
            System.out.printf("  bulk insert limit: %,.0f rows/s%n", limit);

            // On one small machine the load generator and the broker compete with ingest for the same cores, so
            // "full speed" is found by stepping the offered rate up until ingest stops keeping up.
            System.out.printf("Phase 1: %d devices, %d events per message, offered rate stepped up, %d s a step%n",
                    options.devices, options.eventsPerMessage, options.stepSeconds);
            double sustained = 0;
            double best = 0;
            for (int offered : options.steps) {
                Load step = runLoad(options, (double) offered / options.eventsPerMessage, options.stepSeconds, null);
                double stored = sustainedRate(step.samples(), options.warmupSeconds);
                boolean keptUp = stored >= 0.95 * offered;
                System.out.printf("  offered %,7d events/s -> stored %,8.0f events/s%s%n", offered, stored, keptUp ? "" : "  (falling behind)");
                best = Math.max(best, stored);
                awaitDrained(options);
                if (keptUp) {
                    sustained = Math.max(sustained, stored);
                } else {
                    break;
                }
            }
            System.out.printf("  sustained (highest step kept up with): %,.0f events/s; best stored rate seen: %,.0f events/s%n", sustained, best);
            System.out.printf("  sustained / bulk insert limit: %.0f %%%n", 100 * sustained / limit);

            double halfRateMessages = Math.max(1, sustained / 2 / options.eventsPerMessage);
            System.out.printf("Phase 2: lag at half the sustained rate (%,.0f events/s), %d s, one probe a second%n",
                    halfRateMessages * options.eventsPerMessage, options.lagSeconds);
            try (LagProbe probe = new LagProbe(options.brokerHost, options.brokerPort, database, options.registry())) {
                Load half = runLoad(options, halfRateMessages, options.lagSeconds, probe);
                List<Double> lags = new ArrayList<>(probe.lagsMillis());
                Collections.sort(lags);
                System.out.printf("  published: %,d events; stored events/s: %,.0f%n", half.report().path("events").asLong(),
                        sustainedRate(half.samples(), 2));
                System.out.printf("  end-to-end lag (publish -> row stored), %d probes: p50 %.0f ms, p99 %.0f ms, max %.0f ms, unanswered %d%n",
                        lags.size(), percentile(lags, 0.50), percentile(lags, 0.99), lags.isEmpty() ? 0 : lags.get(lags.size() - 1),
                        probe.unanswered());
                List<Double> alertLags = new ArrayList<>(probe.alertLagsMillis());
                Collections.sort(alertLags);
                System.out.printf("  publish -> SecurityAlert record (a reverse shell per probe), %d probes: p50 %.0f ms, p99 %.0f ms, max %.0f ms,"
                                + " unanswered %d%n", alertLags.size(), percentile(alertLags, 0.50), percentile(alertLags, 0.99),
                        alertLags.isEmpty() ? 0 : alertLags.get(alertLags.size() - 1), probe.alertsUnanswered());
            }
        }
    }

    private record Load(List<double[]> samples, JsonNode report) {
    }

    /** Runs the simulator for the given time at the given message rate (0: full speed), sampling once a second. */
    private static Load runLoad(Options options, double messagesPerSecond, int seconds, LagProbe probe) throws Exception {
        Path report = Files.createTempFile("vigil-ingest-bench", ".json");
        Path simulatorJar = Path.of(options.home, "device-simulator/target/device-simulator.jar");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", simulatorJar.toString(), "--broker", "mqtt://" + options.brokerHost + ":" + options.brokerPort,
                "--devices", String.valueOf(options.devices), "--rate", String.format(Locale.ROOT, "%.1f", messagesPerSecond),
                "--duration", seconds + "s", "--events-per-message", String.valueOf(options.eventsPerMessage),
                "--max-in-flight", "20", "--scenario", "normal", "--device-prefix", "bench", "--seed", "7",
                "--report", report.toString()));
        if (options.token != null) {
            command.addAll(List.of("--registry", options.twinUrl, "--token", options.token));
        }
        Process simulator = new ProcessBuilder(command)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        List<double[]> samples = new ArrayList<>();
        long started = System.nanoTime();
        while (simulator.isAlive()) {
            long tick = System.nanoTime();
            samples.add(new double[]{(tick - started) / 1e9, storedEvents(options)});
            if (probe != null) {
                probe.probe(Duration.ofSeconds(5));
            }
            long rest = 1_000_000_000L - (System.nanoTime() - tick);
            if (rest > 0) {
                Thread.sleep(rest / 1_000_000);
            }
        }
        return new Load(samples, new ObjectMapper().readTree(report.toFile()));
    }

    /** Waits until ingest's counter stops moving for three seconds. */
    private static void awaitDrained(Options options) throws Exception {
        double last = -1;
        int still = 0;
        while (still < 3) {
            Thread.sleep(1000);
            double now = storedEvents(options);
            still = now == last ? still + 1 : 0;
            last = now;
        }
    }

    /** One client for every sample: a client each time leaves a thread behind per sample. */
    private static final HttpClient METRICS = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /**
     * Stored events from ingest's own counter (vigil_ingest_raw_events_total), read from /q/metrics. A sample that
     * gets no answer within 5 s is taken again rather than waited for: one lost request must not stall the run.
     */
    private static double storedEvents(Options options) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + options.ingestHost + ":" + options.ingestPort + "/q/metrics"))
                .timeout(Duration.ofSeconds(5)).build();
        HttpResponse<String> metrics;
        try {
            metrics = METRICS.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (java.net.http.HttpTimeoutException e) {
            metrics = METRICS.send(request, HttpResponse.BodyHandlers.ofString());
        }
        for (String line : metrics.body().split("\n")) {
            if (line.startsWith("vigil_ingest_raw_events_total")) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return 0;
    }

    /** Events per second between the end of the warm-up and the last sample taken while the load ran. */
    private static double sustainedRate(List<double[]> samples, int warmupSeconds) {
        double[] first = samples.stream().filter(s -> s[0] >= warmupSeconds).findFirst().orElse(samples.get(0));
        double[] last = samples.get(samples.size() - 1);
        return last[0] > first[0] ? (last[1] - first[1]) / (last[0] - first[0]) : 0;
    }

    private static double percentile(List<Double> sorted, double p) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1));
    }

    private static final class Options {
        int warmupSeconds = 8;
        int limitSeconds = 15;
        int lagSeconds = 30;
        int stepSeconds = 25;
        int[] steps = {10_000, 15_000, 20_000, 25_000, 30_000, 40_000};
        int devices = 100;
        int eventsPerMessage = 10;
        String brokerHost = "localhost";
        int brokerPort = 1883;
        String dbHost = "localhost";
        int dbPort = 15432;
        String dbName = "vigil";
        String dbUser = "postgres";
        String dbPassword = "";
        String ingestHost = "localhost";
        int ingestPort = 8081;
        String home = ".";
        /** An admin token: devices are then created in the registry and log in with SAS tokens. */
        String token;
        String twinUrl = "http://localhost:8083";

        Optional<RegistryProvisioner> registry() {
            return token == null ? Optional.empty() : Optional.of(new RegistryProvisioner(URI.create(twinUrl), token));
        }

        static Options parse(String[] args) {
            Options o = new Options();
            for (int i = 0; i + 1 < args.length; i += 2) {
                String value = args[i + 1];
                switch (args[i].toLowerCase(Locale.ROOT)) {
                    case "--warmup" -> o.warmupSeconds = Integer.parseInt(value);
                    case "--limit-seconds" -> o.limitSeconds = Integer.parseInt(value);
                    case "--lag-seconds" -> o.lagSeconds = Integer.parseInt(value);
                    case "--step-seconds" -> o.stepSeconds = Integer.parseInt(value);
                    case "--steps" -> o.steps = java.util.Arrays.stream(value.split(",")).mapToInt(Integer::parseInt).toArray();
                    case "--devices" -> o.devices = Integer.parseInt(value);
                    case "--token" -> o.token = value;
                    case "--twin-url" -> o.twinUrl = value;
                    case "--events-per-message" -> o.eventsPerMessage = Integer.parseInt(value);
                    case "--broker-host" -> o.brokerHost = value;
                    case "--broker-port" -> o.brokerPort = Integer.parseInt(value);
                    case "--db-host" -> o.dbHost = value;
                    case "--db-port" -> o.dbPort = Integer.parseInt(value);
                    case "--db-name" -> o.dbName = value;
                    case "--db-user" -> o.dbUser = value;
                    case "--db-password" -> o.dbPassword = value;
                    case "--ingest-port" -> o.ingestPort = Integer.parseInt(value);
                    case "--home" -> o.home = value;
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
            }
            return o;
        }
    }
}
