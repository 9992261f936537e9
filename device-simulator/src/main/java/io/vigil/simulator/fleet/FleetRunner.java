package io.vigil.simulator.fleet;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vigil.simulator.scenario.Scenario;
import io.vigil.simulator.scenario.SimulatedDevice;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs a fleet: one MQTT connection per device spread over the event loops, messages paced by the fleet-wide
 * {@link SendGate}, a progress line every second, and a {@link RunSummary} at the end.
 * <p>
 * A run always ends by itself: when its duration is up or its message budget is spent, when nothing connects or
 * nothing is acknowledged for the stall timeout, or when {@link #requestStop} is called. In-flight messages then
 * get the drain timeout to be acknowledged before they count as failed.
 */
public final class FleetRunner {

    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);
    private static final long CHECK_INTERVAL_MS = 20;
    private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(10);

    private final FleetConfig config;
    private final PrintStream progress;
    private volatile String stopRequest;

    /** @param progress where the progress lines go (stderr on the command line) */
    public FleetRunner(FleetConfig config, PrintStream progress) {
        this.config = config;
        this.progress = progress;
    }

    /** Asks a running fleet to stop (Ctrl-C); the run still drains, summarises and returns. */
    public void requestStop(String reason) {
        stopRequest = reason;
    }

    public RunSummary run() throws InterruptedException {
        FleetStats stats = new FleetStats();
        TokenBucket bucket = config.rate() > 0 ? TokenBucket.forRate(config.rate(), System::nanoTime) : null;
        SendGate gate = new SendGate(bucket, config.messageLimit().orElse(Long.MAX_VALUE));
        int eventLoops = Math.max(1, Math.min(VertxOptions.DEFAULT_EVENT_LOOP_POOL_SIZE, config.plan().size()));
        List<FleetShard> shards = shards(eventLoops, stats, gate);
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(eventLoops));
        List<String> deployments = new ArrayList<>();
        // The clock starts when the devices do, so Vert.x start-up does not count against the rate or duration.
        Instant startedAt = Instant.now();
        long start = System.nanoTime();
        String stopReason;
        long end;
        try {
            for (FleetShard shard : shards) {
                deployments.add(await(vertx.deployVerticle(shard)));
            }
            if (bucket != null) {
                vertx.setPeriodic(1, id -> gate.wakeWaiters());
            }
            ProgressClock lines = new ProgressClock(start);
            stopReason = watch(stats, gate, start, lines);
            gate.close();
            drain(stats, lines);
            end = System.nanoTime();
            for (String deployment : deployments) {
                awaitQuietly(vertx.undeploy(deployment));
            }
        } finally {
            awaitQuietly(vertx.close());
        }
        return summarize(stats.snapshot(), stopReason, startedAt, start, end);
    }

    /** Splits the devices over the event loops, each with the moment it starts connecting. */
    private List<FleetShard> shards(int count, FleetStats stats, SendGate gate) {
        List<List<SimulatedDevice>> devices = new ArrayList<>();
        List<List<Long>> delays = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            devices.add(new ArrayList<>());
            delays.add(new ArrayList<>());
        }
        int index = 0;
        for (Map.Entry<String, Scenario> entry : config.plan().scenarioByDevice().entrySet()) {
            SimulatedDevice device = new SimulatedDevice(entry.getKey(), entry.getValue(), config.seed(),
                    Clock.systemUTC());
            devices.get(index % count).add(device);
            delays.get(index % count).add(index * 1000L / config.connectRate());
            index++;
        }
        List<FleetShard> shards = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            shards.add(new FleetShard(devices.get(i), delays.get(i), config, gate, stats));
        }
        return shards;
    }

    /** Prints progress until a reason to stop comes up, and returns that reason. */
    private String watch(FleetStats stats, SendGate gate, long start, ProgressClock lines)
            throws InterruptedException {
        boolean timed = config.duration().isPresent();
        long deadline = start + config.duration().map(Duration::toNanos).orElse(0L);
        long stall = config.stallTimeout().toNanos();
        long lastConnectedSeen = start;
        long ackedBefore = -1;
        long ackChangedAt = start;
        long sentAtAckChange = 0;
        boolean budgetDoneOnce = false;
        while (true) {
            Thread.sleep(CHECK_INTERVAL_MS);
            long now = System.nanoTime();
            StatsSnapshot current = stats.snapshot();
            lines.printIfDue(current, now);
            if (stopRequest != null) {
                return stopRequest;
            }
            if (timed && now - deadline >= 0) {
                return "duration";
            }
            // Twice in a row, so a permit granted a moment before its message was counted is not missed.
            boolean budgetDone = gate.budgetSpent() && current.inFlight() == 0;
            if (budgetDone && budgetDoneOnce) {
                return "messages";
            }
            budgetDoneOnce = budgetDone;
            if (current.connected() > 0) {
                lastConnectedSeen = now;
            } else if (now - lastConnectedSeen > stall) {
                return "stalled: no device connected to " + broker() + " for " + config.stallTimeout().toSeconds()
                        + " s" + (current.lastConnectError().isEmpty() ? "" : " (last error: "
                        + current.lastConnectError() + ")");
            }
            if (current.acked() != ackedBefore) {
                ackedBefore = current.acked();
                ackChangedAt = now;
                sentAtAckChange = current.sent();
            } else if (now - ackChangedAt > stall && (current.inFlight() > 0 || current.sent() > sentAtAckChange)) {
                return "stalled: nothing acknowledged for " + config.stallTimeout().toSeconds() + " s";
            }
        }
    }

    /** Gives in-flight messages up to the drain timeout to be acknowledged. */
    private void drain(FleetStats stats, ProgressClock lines) throws InterruptedException {
        long deadline = System.nanoTime() + config.drainTimeout().toNanos();
        while (stats.inFlight() > 0 && System.nanoTime() - deadline < 0) {
            Thread.sleep(CHECK_INTERVAL_MS);
            lines.printIfDue(stats.snapshot(), System.nanoTime());
        }
    }

    private RunSummary summarize(StatsSnapshot last, String stopReason, Instant startedAt, long start, long end) {
        return new RunSummary(broker(), config.scenarioLabel(), config.plan().size(), config.seed(), config.rate(),
                config.eventsPerMessage(), config.maxInFlight(), stopReason, startedAt, Instant.now(),
                (end - start) / 1e9, last.sent(), last.events(), last.bytes(), last.acked(), last.failed(),
                last.everConnected(), last.connectFailures(), last.connectionLosses(), last.meanAckLatencyMillis(),
                last.maxAckLatencyMillis(), last.lastConnectError(), config.plan().countsByScenario(),
                config.plan().suspiciousDevices());
    }

    private String broker() {
        return config.brokerHost() + ":" + config.brokerPort();
    }

    private static <T> T await(Future<T> future) throws InterruptedException {
        try {
            return future.toCompletionStage().toCompletableFuture()
                    .get(SHUTDOWN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not start the fleet: " + e.getMessage(), e);
        }
    }

    /** Waits a bounded time for a shutdown step; a step that hangs must not hang the run. */
    private static void awaitQuietly(Future<?> future) throws InterruptedException {
        try {
            future.toCompletionStage().toCompletableFuture().get(SHUTDOWN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            // Shutting down anyway.
        }
    }

    /** Prints a progress line each time a second has passed. */
    private final class ProgressClock {

        private final long start;
        private long nextLineAt;
        private long previousAt;
        private StatsSnapshot previous = StatsSnapshot.ZERO;

        ProgressClock(long start) {
            this.start = start;
            this.nextLineAt = start + SECOND;
            this.previousAt = start;
        }

        void printIfDue(StatsSnapshot now, long nowNanos) {
            if (nowNanos - nextLineAt < 0) {
                return;
            }
            progress.println(ProgressLine.format(now, previous, nowNanos - start, nowNanos - previousAt,
                    config.plan().size()));
            previous = now;
            previousAt = nowNanos;
            nextLineAt += SECOND;
            if (nowNanos - nextLineAt >= 0) {
                // Fell behind (a long pause): skip the missed lines rather than print a burst.
                nextLineAt = nowNanos + SECOND;
            }
        }
    }
}
