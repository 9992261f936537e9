package io.vigil.faults.load;

import io.vigil.simulator.fleet.FleetConfig;
import io.vigil.simulator.fleet.FleetRunner;
import io.vigil.simulator.fleet.RunSummary;
import io.vigil.simulator.scenario.FleetPlan;
import io.vigil.simulator.scenario.Scenarios;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The background load every fault happens under: the device simulator's fleet of everyday devices at a steady
 * rate, each device on its own connection, every PUBACK reported to the {@link PublishLedger}. It runs until
 * {@link #stop()}; the simulator's own stall detection is held off, since a fault may stop acknowledgements for
 * a while.
 */
public final class SteadyLoad {

    public static final String DEVICE_PREFIX = "faults-load";
    private static final int EVENTS_PER_MESSAGE = 10;

    private final FleetRunner runner;
    private final List<String> deviceIds;
    private final AtomicReference<RunSummary> summary = new AtomicReference<>();
    private final Thread thread;

    public SteadyLoad(int brokerPort, int devices, double eventsPerSecond, PublishLedger ledger, PrintStream progress) {
        this.deviceIds = FleetPlan.deviceIds(DEVICE_PREFIX, devices);
        FleetConfig config = FleetConfig.builder("127.0.0.1", brokerPort, FleetPlan.uniform(deviceIds, Scenarios.normal()))
                .scenarioLabel("fault-injection load").seed(42)
                .rate(eventsPerSecond / EVENTS_PER_MESSAGE).eventsPerMessage(EVENTS_PER_MESSAGE).maxInFlight(10)
                .duration(Duration.ofDays(1)).stallTimeout(Duration.ofHours(1)).drainTimeout(Duration.ofSeconds(15))
                .publishListener(ledger)
                .build();
        this.runner = new FleetRunner(config, progress);
        this.thread = new Thread(this::run, "steady-load");
        this.thread.setDaemon(true);
    }

    public List<String> deviceIds() {
        return deviceIds;
    }

    public void start() {
        thread.start();
    }

    /** Stops publishing and waits for the PUBACKs still due. */
    public RunSummary stop() throws InterruptedException {
        runner.requestStop("the harness is done");
        thread.join(Duration.ofMinutes(1).toMillis());
        return summary.get();
    }

    private void run() {
        try {
            summary.set(runner.run());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
