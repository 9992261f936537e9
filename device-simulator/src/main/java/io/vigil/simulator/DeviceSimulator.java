package io.vigil.simulator;

import io.vigil.simulator.identity.DeviceLogins;
import io.vigil.simulator.identity.RegistryProvisioner;

import io.vigil.simulator.fleet.FleetConfig;
import io.vigil.simulator.fleet.FleetRunner;
import io.vigil.simulator.fleet.RunReport;
import io.vigil.simulator.fleet.RunSummary;
import io.vigil.simulator.scenario.Scenarios;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Command-line entry point: parses the flags, runs the fleet, prints the summary and writes the report.
 * Progress and results go to stderr; only {@code --help} writes to stdout.
 */
public final class DeviceSimulator {

    /** Beyond this many, the start-up banner gives counts per scenario instead of naming every device. */
    private static final int MAX_DEVICES_LISTED = 30;

    // Held so the JUL configuration is not garbage-collected with its loggers.
    private static final Logger VERTX_LOG = Logger.getLogger("io.vertx");
    private static final Logger MQTT_LOG = Logger.getLogger("io.vertx.mqtt");
    private static final Logger NETTY_LOG = Logger.getLogger("io.netty");

    private DeviceSimulator() {
    }

    public static void main(String[] args) throws InterruptedException {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) throws InterruptedException {
        SimulatorOptions options;
        try {
            options = SimulatorOptions.parse(args, () -> ThreadLocalRandom.current().nextLong());
        } catch (UsageException e) {
            err.println("device-simulator: " + e.getMessage() + " (try --help)");
            return 2;
        }
        if (options.help()) {
            out.print(SimulatorOptions.usage());
            return 0;
        }
        quietLibraryLogging();
        Optional<DeviceLogins> logins = Optional.empty();
        if (options.registry().isPresent()) {
            List<String> devices = List.copyOf(options.plan().scenarioByDevice().keySet());
            try {
                logins = Optional.of(new DeviceLogins(options.loginHost(),
                        new RegistryProvisioner(options.registry().get(), options.token().orElseThrow()).keys(devices)));
            } catch (IllegalStateException e) {
                err.println("device-simulator: " + e.getMessage());
                return 1;
            }
            err.println("Provisioned " + devices.size() + " devices at " + options.registry().get() + "; they log in with SAS tokens");
        }
        FleetConfig config = options.toFleetConfig(logins);
        err.println(banner(options, config));

        FleetRunner runner = new FleetRunner(config, err);
        CountDownLatch reported = new CountDownLatch(1);
        Thread onCtrlC = new Thread(() -> {
            runner.requestStop("interrupted");
            try {
                // Let the run drain and write its report before the JVM goes.
                reported.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "device-simulator-shutdown");
        Runtime.getRuntime().addShutdownHook(onCtrlC);

        int exitCode;
        try {
            RunSummary summary = runner.run();
            err.println(summary.describe());
            exitCode = summary.succeeded() ? 0 : 1;
            if (options.report().isPresent()) {
                try {
                    RunReport.write(summary, options.report().get());
                    err.println("report written to " + options.report().get());
                } catch (IOException e) {
                    err.println("device-simulator: cannot write the report " + options.report().get() + ": "
                            + e.getMessage());
                    exitCode = 1;
                }
            }
        } finally {
            reported.countDown();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(onCtrlC);
        } catch (IllegalStateException shuttingDown) {
            // Ctrl-C: the hook is already running and returns now that the report is written.
        }
        return exitCode;
    }

    private static String banner(SimulatorOptions options, FleetConfig config) {
        StringBuilder banner = new StringBuilder(String.format(Locale.ROOT,
                "device-simulator: %d devices -> %s, scenario %s, %s, %d events/message, max %d in flight, %s, seed %d",
                options.devices(), options.broker(), options.scenario(),
                options.rate() > 0 ? String.format(Locale.ROOT, "%.0f msg/s", options.rate()) : "unlimited rate",
                options.eventsPerMessage(), options.maxInFlight(), stopCondition(options), options.seed()));
        Map<String, String> suspicious = config.plan().suspiciousDevices();
        if (suspicious.isEmpty() || !options.scenario().equals(Scenarios.MIXED)) {
            // In a uniform fleet every device runs the named scenario; nothing to list.
            return banner.toString();
        }
        if (suspicious.size() <= MAX_DEVICES_LISTED) {
            suspicious.forEach((device, scenario) -> banner.append(System.lineSeparator())
                    .append("  ").append(device).append(": ").append(scenario));
        } else {
            StringJoiner counts = new StringJoiner(", ");
            config.plan().countsByScenario().forEach((scenario, count) -> counts.add(scenario + " " + count));
            banner.append(System.lineSeparator()).append("  devices per scenario: ").append(counts);
        }
        return banner.toString();
    }

    private static String stopCondition(SimulatorOptions options) {
        StringJoiner until = new StringJoiner(" or ", "until ", "");
        options.duration().map(DeviceSimulator::describe).ifPresent(until::add);
        options.messages().ifPresent(m -> until.add(m + " messages"));
        return until.toString();
    }

    private static String describe(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + "s" : duration.toMillis() + "ms";
    }

    /**
     * Vert.x and Netty log every refused connection attempt; with thousands of devices reconnecting that drowns
     * the progress line. The simulator counts and reports those failures itself.
     */
    private static void quietLibraryLogging() {
        VERTX_LOG.setLevel(Level.SEVERE);
        MQTT_LOG.setLevel(Level.OFF);
        NETTY_LOG.setLevel(Level.SEVERE);
    }
}
