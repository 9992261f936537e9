package io.vigil.faults.scenarios;

import io.vertx.core.Vertx;
import io.vigil.faults.check.Sql;
import io.vigil.faults.load.AcknowledgingPublisher;
import io.vigil.faults.load.PublishLedger;
import io.vigil.simulator.agent.DeviceTopic;
import io.vigil.simulator.scenario.OutgoingMessage;
import io.vigil.simulator.scenario.Scenarios;
import io.vigil.simulator.scenario.SimulatedDevice;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Poison input: one device floods malformed messages (not JSON, valid JSON of the wrong shape, and now and then a
 * body over ingest's size limit) as fast as the broker takes them, while the load goes on. A probe device sends
 * small valid messages a few times a second, before and during the flood; their lag (publish to the row's
 * TimeGenerated) during the flood must stay under the bound. Every malformed message the broker acknowledged must
 * be in ingest's rejects table; each carries a marker of its own at its start so that it can be found.
 */
public final class PoisonFlood implements Fault {

    public static final String POISON_DEVICE = "faults-poison";
    public static final String PROBE_DEVICE = "faults-probe";
    private static final Pattern MARKER = Pattern.compile("poison-(\\d+)-");
    private static final int OVERSIZED_BYTES = 300 * 1024;
    private static final int IN_FLIGHT = 40;
    private static final Duration BASELINE = Duration.ofSeconds(5);
    private static final long PROBE_INTERVAL_MS = 200;

    private final Vertx vertx;
    private final Duration length;
    private final double messagesPerSecond;
    private final Duration lagBound;
    private final PublishLedger ledger;
    private final Set<Long> acknowledgedMarkers = ConcurrentHashMap.newKeySet();
    private final Map<String, Instant> probeSentAt = new ConcurrentHashMap<>();
    private final Set<String> floodProbes = ConcurrentHashMap.newKeySet();
    private final List<String> findings = new ArrayList<>();
    private final List<String> violations = new ArrayList<>();
    private volatile boolean flooding;
    private volatile boolean probing;
    private Thread flood;
    private Thread probe;

    public PoisonFlood(Vertx vertx, Duration length, double messagesPerSecond, Duration lagBound, PublishLedger ledger) {
        this.vertx = vertx;
        this.length = length;
        this.messagesPerSecond = messagesPerSecond;
        this.lagBound = lagBound;
        this.ledger = ledger;
    }

    @Override
    public String name() {
        return "poison-flood";
    }

    @Override
    public String description() {
        return "one device floods malformed messages (up to " + (int) messagesPerSecond + "/s) for " + length.toSeconds()
                + " s; probe lag of another device must stay under " + lagBound.toMillis() + " ms (p99)";
    }

    @Override
    public void inject(io.vigil.faults.topology.Topology topology) throws Exception {
        probing = true;
        probe = daemon("poison-probe", () -> probe(topology.brokerPort()));
        Thread.sleep(BASELINE.toMillis());
        flooding = true;
        flood = daemon("poison-flood", () -> flood(topology.brokerPort()));
    }

    @Override
    public Duration hold() {
        return length;
    }

    @Override
    public void heal(io.vigil.faults.topology.Topology topology) throws Exception {
        flooding = false;
        flood.join(30_000);
        probing = false;
        probe.join(30_000);
    }

    private void flood(int brokerPort) {
        String topic = DeviceTopic.telemetry(POISON_DEVICE);
        Semaphore window = new Semaphore(IN_FLIGHT);
        long start = System.nanoTime();
        try (AcknowledgingPublisher publisher = new AcknowledgingPublisher(vertx, brokerPort, POISON_DEVICE, IN_FLIGHT * 2)) {
            for (long n = 0; flooding; n++) {
                long due = start + (long) (n * 1e9 / messagesPerSecond);
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                window.acquire();
                long marker = n;
                publisher.publish(topic, malformed(n)).whenComplete((ok, error) -> {
                    window.release();
                    if (error == null) {
                        acknowledgedMarkers.add(marker);
                    }
                });
            }
            window.tryAcquire(IN_FLIGHT, 30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Not JSON, the wrong shape, or too big; always starting with (or, in JSON, opening with) its marker. */
    static byte[] malformed(long n) {
        String marker = "poison-" + n + "-";
        if (n % 20 == 0) {
            char[] padding = new char[OVERSIZED_BYTES];
            Arrays.fill(padding, 'x');
            return ("{\"Marker\":\"" + marker + "\",\"Padding\":\"" + new String(padding) + "\"}").getBytes(StandardCharsets.UTF_8);
        }
        if (n % 2 == 1) {
            return (marker + " {this is not JSON").getBytes(StandardCharsets.UTF_8);
        }
        return ("{\"Marker\":\"" + marker + "\",\"AgentVersion\":7,\"AgentId\":\"nobody\",\"MessageSchemaVersion\":\"1.0\","
                + "\"Events\":\"not a list\"}").getBytes(StandardCharsets.UTF_8);
    }

    private void probe(int brokerPort) {
        SimulatedDevice device = new SimulatedDevice(PROBE_DEVICE, Scenarios.normal(), 7, Clock.systemUTC());
        try (AcknowledgingPublisher publisher = new AcknowledgingPublisher(vertx, brokerPort, PROBE_DEVICE, 10)) {
            while (probing) {
                OutgoingMessage message = device.nextMessage(1);
                String eventId = firstEventId(message.body());
                Instant sentAt = Instant.now();
                try {
                    publisher.publish(message.topic(), message.body()).get(10, TimeUnit.SECONDS);
                    ledger.acknowledged(message.topic(), message.body());
                    probeSentAt.put(eventId, sentAt);
                    if (flooding) {
                        floodProbes.add(eventId);
                    }
                } catch (Exception e) {
                    // unconfirmed: not a probe the lag can be measured on
                }
                Thread.sleep(PROBE_INTERVAL_MS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void verify(Sql.Connector db) throws Exception {
        Set<Long> rejected = new TreeSet<>();
        Sql.forEach(db, "SELECT convert_from(substring(body from 1 for 40), 'SQL_ASCII') FROM ingest.rejected_message"
                + " WHERE device_id = ? AND event_index = -1", row -> {
            Matcher matcher = MARKER.matcher(row.getString(1));
            if (matcher.find()) {
                rejected.add(Long.parseLong(matcher.group(1)));
            }
        }, POISON_DEVICE);
        Set<Long> missing = new TreeSet<>(acknowledgedMarkers);
        missing.removeAll(rejected);
        long poisonRows = Sql.single(db, "SELECT count(*) FROM workspace.security_iot_raw_event WHERE device_id = ?", POISON_DEVICE);
        findings.add(String.format(Locale.ROOT, "poison-flood: %d malformed messages acknowledged by the broker, %d in the rejects table, "
                + "%d missing, %d raw events stored from them", acknowledgedMarkers.size(), rejected.size(), missing.size(), poisonRows));
        if (!missing.isEmpty()) {
            violations.add("poison-flood: " + missing.size() + " malformed messages not in ingest.rejected_message, e.g. "
                    + missing.stream().limit(5).toList());
        }
        if (poisonRows > 0) {
            violations.add("poison-flood: " + poisonRows + " raw events stored from malformed messages");
        }

        Map<String, Instant> storedAt = new HashMap<>();
        Sql.forEach(db, "SELECT iot_raw_event_id, time_generated FROM workspace.security_iot_raw_event WHERE device_id = ?",
                row -> storedAt.put(row.getString(1), row.getTimestamp(2).toInstant()), PROBE_DEVICE);
        List<Long> baseline = new ArrayList<>();
        List<Long> during = new ArrayList<>();
        probeSentAt.forEach((id, sent) -> {
            Instant stored = storedAt.get(id);
            if (stored != null) {
                (floodProbes.contains(id) ? during : baseline).add(Duration.between(sent, stored).toMillis());
            }
        });
        findings.add("  probe lag before the flood: " + Percentiles.describe(baseline));
        findings.add("  probe lag during the flood: " + Percentiles.describe(during) + "; bound p99 " + lagBound.toMillis() + " ms");
        if (!during.isEmpty() && Percentiles.of(during, 0.99) > lagBound.toMillis()) {
            violations.add("poison-flood: probe lag p99 " + Percentiles.of(during, 0.99) + " ms over the bound of "
                    + lagBound.toMillis() + " ms");
        }
    }

    @Override
    public List<String> findings() {
        return findings;
    }

    @Override
    public List<String> violations() {
        return violations;
    }

    private static String firstEventId(byte[] body) {
        Matcher matcher = Pattern.compile("\"Id\"\\s*:\\s*\"([^\"]+)\"").matcher(new String(body, StandardCharsets.UTF_8));
        if (!matcher.find()) {
            throw new IllegalStateException("a simulated message without an event id");
        }
        return matcher.group(1);
    }

    private static Thread daemon(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }
}
