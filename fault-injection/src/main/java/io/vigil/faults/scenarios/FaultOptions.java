package io.vigil.faults.scenarios;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a run does, from the command line: the load, which faults in which order and how long each lasts.
 *
 * @param eventsPerSecond steady load, in agent events per second (10 per message)
 * @param settle          time under load after each recovery before the next fault
 * @param lagBound        recovery: the store may be this far behind the devices
 */
public record FaultOptions(double eventsPerSecond, int devices, List<String> faults, Duration settle, Duration downtime,
                           Duration cut, Duration slowLatency, Duration slowFor, Duration poisonFor, double poisonRate,
                           Duration lagBound, Duration poisonLagBound, Duration recoveryTimeout, Path dataDir) {

    public static final List<String> ALL_FAULTS = List.of("kill-ingest", "kill-detection", "kill-twin", "kill-query",
            "restart-broker", "restart-postgres", "cut-database", "slow-database", "poison-flood");

    public static final String USAGE = """
            Usage: java -jar fault-injection/target/vigil-fault-injection.jar [options]

            Starts its own PostgreSQL, broker, database proxy and the four services, puts a steady simulated load on
            them, breaks one part after another, and checks that every acknowledged message is stored exactly once,
            every expected alert exists exactly once and the twins agree. Exits 1 when anything was lost or
            duplicated, an alert is missing, a bound was broken or the twins disagree.

              --rate N               steady load in events per second (500)
              --devices N            simulated devices of the steady load (40)
              --faults a,b,...       which faults, in order (all: %s)
              --settle SECONDS       load without a fault after each recovery (15)
              --downtime SECONDS     how long a killed service or a stopped server stays down (5)
              --cut SECONDS          how long the database path is cut (30)
              --slow-latency MS      added to every PostgreSQL answer in slow-database (100)
              --slow-for SECONDS     how long the database is slow (30)
              --poison-for SECONDS   how long the malformed flood lasts (20)
              --poison-rate N        malformed messages per second at most (200)
              --lag-bound SECONDS    recovered when the store is no more than this behind the devices (1)
              --poison-lag-bound MS  bound on the other devices' probe lag p99 during the flood (2000)
              --recovery-timeout SECONDS  give up waiting for a recovery (300)
              --data-dir DIR         where the servers keep their data and the logs (target/fault-injection-run)
            """.formatted(String.join(",", ALL_FAULTS));

    public static FaultOptions defaults() {
        return new FaultOptions(500, 40, ALL_FAULTS, Duration.ofSeconds(15), Duration.ofSeconds(5), Duration.ofSeconds(30),
                Duration.ofMillis(100), Duration.ofSeconds(30), Duration.ofSeconds(20), 200, Duration.ofSeconds(1),
                Duration.ofMillis(2000), Duration.ofSeconds(300), Path.of("target", "fault-injection-run"));
    }

    public static FaultOptions parse(String[] args) {
        Map<String, String> given = new HashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            if (!USAGE.contains("  " + args[i] + " ")) {
                throw new IllegalArgumentException("unknown option " + args[i] + "\n\n" + USAGE);
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(args[i] + " needs a value\n\n" + USAGE);
            }
            given.put(args[i], args[i + 1]);
        }
        FaultOptions d = defaults();
        return new FaultOptions(
                Double.parseDouble(given.getOrDefault("--rate", String.valueOf(d.eventsPerSecond))),
                Integer.parseInt(given.getOrDefault("--devices", String.valueOf(d.devices))),
                given.containsKey("--faults") ? faults(given.get("--faults")) : d.faults,
                seconds(given, "--settle", d.settle),
                seconds(given, "--downtime", d.downtime),
                seconds(given, "--cut", d.cut),
                Duration.ofMillis(Long.parseLong(given.getOrDefault("--slow-latency", String.valueOf(d.slowLatency.toMillis())))),
                seconds(given, "--slow-for", d.slowFor),
                seconds(given, "--poison-for", d.poisonFor),
                Double.parseDouble(given.getOrDefault("--poison-rate", String.valueOf(d.poisonRate))),
                seconds(given, "--lag-bound", d.lagBound),
                Duration.ofMillis(Long.parseLong(given.getOrDefault("--poison-lag-bound", String.valueOf(d.poisonLagBound.toMillis())))),
                seconds(given, "--recovery-timeout", d.recoveryTimeout),
                given.containsKey("--data-dir") ? Path.of(given.get("--data-dir")) : d.dataDir);
    }

    /** A short run: fewer faults, shorter holds, a lighter load. */
    public FaultOptions with(double eventsPerSecond, int devices, List<String> faults, Duration settle, Duration downtime,
                             Duration cut, Path dataDir) {
        return new FaultOptions(eventsPerSecond, devices, faults, settle, downtime, cut, slowLatency, slowFor, poisonFor,
                poisonRate, lagBound, poisonLagBound, recoveryTimeout, dataDir);
    }

    private static List<String> faults(String value) {
        List<String> names = List.of(value.split(","));
        for (String name : names) {
            if (!ALL_FAULTS.contains(name)) {
                throw new IllegalArgumentException("unknown fault " + name + "; known: " + String.join(", ", ALL_FAULTS));
            }
        }
        return names;
    }

    private static Duration seconds(Map<String, String> given, String name, Duration fallback) {
        return given.containsKey(name) ? Duration.ofSeconds(Long.parseLong(given.get(name))) : fallback;
    }
}
