package io.vigil.faults.scenarios;

import io.vertx.core.Vertx;
import io.vigil.faults.check.AlertCheck;
import io.vigil.faults.check.Sql;
import io.vigil.faults.check.StoredEvents;
import io.vigil.faults.check.TwinAgreement;
import io.vigil.faults.load.AckTimeline;
import io.vigil.faults.load.AcknowledgingPublisher;
import io.vigil.faults.load.AttackWave;
import io.vigil.faults.load.PublishLedger;
import io.vigil.faults.load.SteadyLoad;
import io.vigil.faults.report.FaultReport;
import io.vigil.faults.report.PhaseResult;
import io.vigil.faults.topology.Installation;
import io.vigil.faults.topology.Topology;
import io.vigil.simulator.fleet.RunSummary;

import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A whole run: the topology from empty, the steady load, then each fault in turn (inject, hold, heal, wait for
 * recovery, settle), each with an attack wave of its own played while it is on; then the load stops, the suite
 * drains, and the checks compare the database with what the devices were told was delivered.
 */
public final class FaultRun {

    private static final Duration DRAIN_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration TWIN_SETTLE_TIMEOUT = Duration.ofMinutes(2);
    private static final Duration WAVE_TIMEOUT = Duration.ofMinutes(4);

    private final FaultOptions options;
    private final PrintStream out;
    private final PublishLedger ledger = new PublishLedger();
    private final AckTimeline timeline = new AckTimeline(ledger);
    private final long startNanos = System.nanoTime();

    public FaultRun(FaultOptions options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    public FaultReport run() throws Exception {
        Files.createDirectories(options.dataDir());
        Vertx vertx = Vertx.vertx();
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "ack-timeline");
            thread.setDaemon(true);
            return thread;
        });
        log("starting PostgreSQL, the broker, the database proxy and the four services (logs in "
                + options.dataDir().toAbsolutePath().resolve("logs") + ")");
        try (Topology topology = Topology.start(Installation.find(), options.dataDir());
             PrintStream progress = new PrintStream(new FileOutputStream(topology.logFile("load").toFile()), true, StandardCharsets.UTF_8)) {
            sampler.scheduleAtFixedRate(timeline::sample, 0, 100, TimeUnit.MILLISECONDS);
            return runUnderLoad(topology, vertx, progress);
        } finally {
            sampler.shutdownNow();
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    private FaultReport runUnderLoad(Topology topology, Vertx vertx, PrintStream progress) throws Exception {
        List<Fault> faults = faults(vertx);
        List<String> names = new ArrayList<>(List.of("steady"));
        faults.forEach(f -> names.add(f.name()));
        List<Map<String, Set<String>>> expectedAlerts = new ArrayList<>();
        List<OptionalDouble> recoveries = new ArrayList<>();

        SteadyLoad load = new SteadyLoad(topology.brokerPort(), options.devices(), options.eventsPerSecond(), ledger, progress);
        Map<String, Set<String>> steadyExpected = new LinkedHashMap<>();
        load.deviceIds().forEach(id -> steadyExpected.put(id, Set.of(AttackWave.ONBOARDED)));
        expectedAlerts.add(steadyExpected);
        recoveries.add(OptionalDouble.empty());
        ledger.enterPhase(0);
        log("steady load: " + options.devices() + " devices, " + (int) options.eventsPerSecond() + " events/s");
        load.start();
        Thread.sleep(options.settle().toMillis());

        for (int i = 0; i < faults.size(); i++) {
            Fault fault = faults.get(i);
            ledger.enterPhase(i + 1);
            AttackWave wave = new AttackWave("faults-" + fault.name());
            expectedAlerts.add(wave.expectedAlerts());
            log(fault.name() + ": " + fault.description());
            fault.inject(topology);
            Thread waveThread = playInBackground(wave, vertx, topology.brokerPort());
            Thread.sleep(fault.hold().toMillis());
            fault.heal(topology);
            long healedAt = System.nanoTime();
            OptionalDouble recovery = RecoveryWatch.await(topology, timeline, healedAt, options.lagBound(),
                    options.recoveryTimeout());
            recoveries.add(recovery);
            log(fault.name() + ": " + (recovery.isPresent() ? String.format("recovered in %.1f s", recovery.getAsDouble())
                    : "not recovered within " + options.recoveryTimeout().toSeconds() + " s"));
            waveThread.join(WAVE_TIMEOUT.toMillis());
            Thread.sleep(options.settle().toMillis());
        }

        log("stopping the load; waiting for the suite to drain");
        RunSummary summary = load.stop();
        awaitDrained(topology);
        awaitTwinsSettled(topology);
        return check(topology, names, faults, expectedAlerts, recoveries, summary);
    }

    private Thread playInBackground(AttackWave wave, Vertx vertx, int brokerPort) {
        Thread thread = new Thread(() -> {
            try (AcknowledgingPublisher publisher = new AcknowledgingPublisher(vertx, brokerPort, wave.prefix(), 10)) {
                wave.play(publisher, ledger);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                log("attack wave " + wave.prefix() + " gave up: " + e.getMessage());
            }
        }, "attack-wave");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private void awaitDrained(Topology topology) throws InterruptedException {
        long deadline = System.nanoTime() + DRAIN_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                long stored = Sql.single(topology::connect, "SELECT count(*) FROM workspace.security_iot_raw_event");
                long detected = Sql.single(topology::connect, "SELECT count(*) FROM detection.handled_event");
                if (stored >= ledger.rows() && detected >= ledger.eventCount()) {
                    return;
                }
            } catch (SQLException e) {
                // try again
            }
            Thread.sleep(500);
        }
        log("the suite did not drain within " + DRAIN_TIMEOUT.toSeconds() + " s; checking what is there");
    }

    /** Twin notices trail detection by a moment; wait until the twins agree or the timeout, then report either way. */
    private void awaitTwinsSettled(Topology topology) throws Exception {
        long deadline = System.nanoTime() + TWIN_SETTLE_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline && !TwinAgreement.disagreements(topology::connect).isEmpty()) {
            Thread.sleep(1000);
        }
    }

    private FaultReport check(Topology topology, List<String> names, List<Fault> faults, List<Map<String, Set<String>>> expectedAlerts,
                              List<OptionalDouble> recoveries, RunSummary summary) throws Exception {
        Sql.Connector db = topology::connect;
        StoredEvents stored = StoredEvents.check(db, ledger);
        AlertCheck alerts = AlertCheck.read(db);
        List<PhaseResult> phases = new ArrayList<>();
        List<String> violations = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            AlertCheck.Outcome outcome = alerts.against(expectedAlerts.get(i));
            PhaseResult phase = new PhaseResult(names.get(i), ledger.acknowledgedMessages(i), ledger.unconfirmedMessages(i),
                    stored.phase(i), outcome, recoveries.get(i), i > 0);
            phases.add(phase);
            if (phase.rows().lost() > 0) {
                violations.add(phase.fault() + ": " + phase.rows().lost() + " acknowledged rows not stored");
            }
            if (phase.rows().duplicated() > 0) {
                violations.add(phase.fault() + ": " + phase.rows().duplicated() + " rows stored twice");
            }
            outcome.missing().forEach(m -> violations.add(phase.fault() + ": alert missing: " + m));
            outcome.duplicated().forEach(d -> violations.add(phase.fault() + ": alert more than once: " + d));
            if (!phase.recovered()) {
                violations.add(phase.fault() + ": did not recover within " + options.recoveryTimeout().toSeconds() + " s");
            }
        }
        alerts.duplicatesAnywhere().forEach(d -> violations.add("alert more than once: " + d));
        TwinAgreement.disagreements(db).forEach(d -> violations.add("twins: " + d));
        List<String> findings = new ArrayList<>();
        for (Fault fault : faults) {
            fault.verify(db);
            findings.addAll(fault.findings());
            violations.addAll(fault.violations());
        }
        if (summary != null) {
            findings.add(0, String.format("steady load: %d messages sent, %d acknowledged, %d without PUBACK, %d connection losses",
                    summary.messages(), summary.acked(), summary.failed(), summary.connectionLosses()));
        }
        String header = String.format("Vigil fault injection, %s: %d devices, %.0f events/s, settle %d s, downtime %d s, cut %d s,"
                        + " recovery lag bound %d s", Instant.now().toString().substring(0, 16).replace('T', ' ') + " UTC",
                options.devices(), options.eventsPerSecond(), options.settle().toSeconds(), options.downtime().toSeconds(),
                options.cut().toSeconds(), options.lagBound().toSeconds());
        return new FaultReport(header, phases, stored.total(), stored.storedWithoutAcknowledgement(), findings, violations);
    }

    private List<Fault> faults(Vertx vertx) {
        List<Fault> faults = new ArrayList<>();
        for (String name : options.faults()) {
            faults.add(switch (name) {
                case "kill-ingest" -> new KillService("ingest-service", options.downtime());
                case "kill-detection" -> new KillService("detection-service", options.downtime());
                case "kill-twin" -> new KillService("twin-service", options.downtime());
                case "kill-query" -> new KillService("query-service", options.downtime());
                case "restart-broker" -> new RestartBroker(options.downtime());
                case "restart-postgres" -> new RestartPostgres(options.downtime());
                case "cut-database" -> new CutDatabase(options.cut());
                case "slow-database" -> new SlowDatabase(options.slowLatency(), options.slowFor(), ledger);
                case "poison-flood" -> new PoisonFlood(vertx, options.poisonFor(), options.poisonRate(), options.poisonLagBound(), ledger);
                default -> throw new IllegalArgumentException("unknown fault " + name);
            });
        }
        return faults;
    }

    private void log(String line) {
        out.printf("[%6.1f s] %s%n", (System.nanoTime() - startNanos) / 1e9, line);
        out.flush();
    }
}
