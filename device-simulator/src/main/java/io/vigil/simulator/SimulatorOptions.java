package io.vigil.simulator;

import io.vigil.simulator.fleet.FleetConfig;
import io.vigil.simulator.identity.DeviceLogins;
import io.vigil.simulator.scenario.FleetPlan;
import io.vigil.simulator.scenario.Scenario;
import io.vigil.simulator.scenario.Scenarios;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The simulator's command line. Flags take their value as the next argument or after {@code =}
 * ({@code --rate 500}, {@code --rate=500}). Without {@code --duration} or {@code --messages} a run lasts 60 s.
 */
record SimulatorOptions(BrokerAddress broker, int devices, double rate, Optional<Duration> duration,
                        OptionalLong messages, int eventsPerMessage, int maxInFlight, String scenario,
                        double attackFraction, String devicePrefix, long seed, Optional<Path> report,
                        Optional<String> usernameTemplate, Optional<String> password, int connectRate,
                        Optional<URI> registry, Optional<String> token, Optional<String> hubHost, boolean help) {

    static final Duration DEFAULT_DURATION = Duration.ofSeconds(60);
    static final int MAX_EVENTS_PER_MESSAGE = 1000;
    static final int MAX_IN_FLIGHT = 1000;

    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h)?");
    private static final Pattern DEVICE_PREFIX = Pattern.compile("[A-Za-z0-9._:-]+");

    static String usage() {
        StringBuilder scenarios = new StringBuilder();
        for (Scenario scenario : Scenarios.all()) {
            scenarios.append(String.format(Locale.ROOT, "  %-24s %s%n", scenario.name(), scenario.description()));
        }
        scenarios.append(String.format(Locale.ROOT, "  %-24s %s%n", Scenarios.MIXED,
                "most devices normal, --attack-fraction of them running the other scenarios in turn"));
        return """
                Usage: java -jar device-simulator.jar [options]

                Plays a fleet of devices whose security agents publish v1 JSON security messages over MQTT
                (QoS 1, one connection per device, client id = device id).

                  --broker URL              broker to publish to (default mqtt://localhost:1883)
                  --devices N               devices in the fleet, ids {prefix}-1 .. {prefix}-N (default 10)
                  --device-prefix P         device id prefix (default sim-device)
                  --rate R                  messages per second for the whole fleet; 0 = as fast as the broker
                                            acknowledges, bounded by --max-in-flight per connection (default 100)
                  --duration D              stop after D: 90, 90s, 500ms, 5m, 1h (default 60s unless --messages)
                  --messages M              stop after M messages (with --duration: whichever comes first)
                  --events-per-message E    events batched into each message (default 10)
                  --max-in-flight W         unacknowledged messages allowed per connection (default 10)
                  --scenario NAME           what the devices do, see below (default normal)
                  --attack-fraction F       with --scenario mixed: share of devices attacking (default 0.1)
                  --seed S                  seed for repeatable content (default: random, printed at start)
                  --report FILE             write a JSON summary of the run to FILE
                  --username-template T     MQTT user name per device; {deviceId} is replaced
                  --password P              MQTT password; {deviceId} is replaced
                  --connect-rate C          new connections per second at start-up (default 1000)
                  --registry URL            twin-service (e.g. http://localhost:8083): create the devices there
                                            and log in with SAS tokens signed by their keys, as a broker that
                                            checks device identities requires; needs --token
                  --token T                 an admin token for --registry (or VIGIL_TOKEN)
                  --hub-host H              host name in the devices' logins (default: the broker's host)
                  --help                    this text

                Scenarios:
                """ + scenarios + """

                Exit status: 0 when every message sent was acknowledged, 1 when some failed or the run stalled,
                2 for a bad command line.
                """;
    }

    static SimulatorOptions parse(String[] args, LongSupplier randomSeed) {
        BrokerAddress broker = new BrokerAddress("localhost", BrokerAddress.DEFAULT_PORT);
        int devices = 10;
        double rate = 100;
        Optional<Duration> duration = Optional.empty();
        OptionalLong messages = OptionalLong.empty();
        int eventsPerMessage = 10;
        int maxInFlight = 10;
        String scenario = "normal";
        Double attackFraction = null;
        String devicePrefix = "sim-device";
        Long seed = null;
        Optional<Path> report = Optional.empty();
        Optional<String> usernameTemplate = Optional.empty();
        Optional<String> password = Optional.empty();
        int connectRate = 1000;
        Optional<URI> registry = Optional.empty();
        Optional<String> token = Optional.ofNullable(System.getenv("VIGIL_TOKEN")).filter(t -> !t.isBlank());
        Optional<String> hubHost = Optional.empty();
        boolean help = false;

        Set<String> seen = new HashSet<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String flag = arg;
            String inlineValue = null;
            int equals = arg.indexOf('=');
            if (arg.startsWith("--") && equals > 0) {
                flag = arg.substring(0, equals);
                inlineValue = arg.substring(equals + 1);
            }
            if (!flag.equals("--help") && !flag.equals("-h") && !seen.add(flag)) {
                throw new UsageException(flag + " is given twice");
            }
            if (flag.equals("--help") || flag.equals("-h")) {
                help = true;
                continue;
            }
            if (!FLAGS.contains(flag)) {
                throw new UsageException("unknown option " + arg);
            }
            String value;
            if (inlineValue != null) {
                value = inlineValue;
            } else if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                value = args[++i];
            } else {
                throw new UsageException(flag + " needs a value");
            }
            switch (flag) {
                case "--broker" -> broker = BrokerAddress.parse(value);
                case "--devices" -> devices = positiveInt(flag, value, Integer.MAX_VALUE);
                case "--rate" -> rate = nonNegativeNumber(flag, value);
                case "--duration" -> duration = Optional.of(duration(flag, value));
                case "--messages" -> messages = OptionalLong.of(positiveLong(flag, value));
                case "--events-per-message" -> eventsPerMessage = positiveInt(flag, value, MAX_EVENTS_PER_MESSAGE);
                case "--max-in-flight" -> maxInFlight = positiveInt(flag, value, MAX_IN_FLIGHT);
                case "--scenario" -> scenario = scenarioName(value);
                case "--attack-fraction" -> attackFraction = fraction(flag, value);
                case "--device-prefix" -> devicePrefix = devicePrefix(value);
                case "--seed" -> seed = seed(value);
                case "--report" -> report = Optional.of(Path.of(value));
                case "--username-template" -> usernameTemplate = Optional.of(value);
                case "--password" -> password = Optional.of(value);
                case "--connect-rate" -> connectRate = positiveInt(flag, value, Integer.MAX_VALUE);
                case "--registry" -> registry = Optional.of(registryUrl(value));
                case "--token" -> token = Optional.of(value);
                case "--hub-host" -> hubHost = Optional.of(value);
                default -> throw new IllegalStateException("flag without a case: " + flag);
            }
        }
        if (attackFraction != null && !scenario.equals(Scenarios.MIXED)) {
            throw new UsageException("--attack-fraction only applies to --scenario mixed");
        }
        if (duration.isEmpty() && messages.isEmpty()) {
            duration = Optional.of(DEFAULT_DURATION);
        }
        if (registry.isPresent() && token.isEmpty()) {
            throw new UsageException("--registry needs an admin token: --token or VIGIL_TOKEN");
        }
        return new SimulatorOptions(broker, devices, rate, duration, messages, eventsPerMessage, maxInFlight,
                scenario, attackFraction == null ? 0.1 : attackFraction, devicePrefix,
                seed == null ? randomSeed.getAsLong() : seed, report, usernameTemplate, password, connectRate,
                registry, token, hubHost, help);
    }

    private static final Set<String> FLAGS = Set.of("--broker", "--devices", "--rate", "--duration", "--messages",
            "--events-per-message", "--max-in-flight", "--scenario", "--attack-fraction", "--device-prefix",
            "--seed", "--report", "--username-template", "--password", "--connect-rate", "--registry", "--token", "--hub-host");

    /** Which device runs what, from the scenario flags. */
    FleetPlan plan() {
        List<String> ids = FleetPlan.deviceIds(devicePrefix, devices);
        if (scenario.equals(Scenarios.MIXED)) {
            return FleetPlan.mixed(ids, attackFraction, seed);
        }
        return FleetPlan.uniform(ids, Scenarios.named(scenario).orElseThrow());
    }

    /** The host name devices put in their logins: the broker's, as a device's connection string would have it. */
    String loginHost() {
        return hubHost.orElse(broker.host());
    }

    FleetConfig toFleetConfig() {
        return toFleetConfig(Optional.empty());
    }

    FleetConfig toFleetConfig(Optional<DeviceLogins> logins) {
        FleetConfig.Builder builder = FleetConfig.builder(broker.host(), broker.port(), plan())
                .scenarioLabel(scenario)
                .seed(seed)
                .rate(rate)
                .eventsPerMessage(eventsPerMessage)
                .maxInFlight(maxInFlight)
                .connectRate(connectRate)
                .credentials(usernameTemplate.orElse(null), password.orElse(null));
        duration.ifPresent(builder::duration);
        messages.ifPresent(builder::messageLimit);
        logins.ifPresent(builder::logins);
        return builder.build();
    }

    private static URI registryUrl(String value) {
        try {
            URI uri = new URI(value.trim());
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                throw new UsageException("--registry must be an http(s) URL such as http://localhost:8083, got: " + value);
            }
            return uri;
        } catch (java.net.URISyntaxException e) {
            throw new UsageException("--registry must be an http(s) URL such as http://localhost:8083, got: " + value);
        }
    }

    static Duration duration(String flag, String value) {
        Matcher matcher = DURATION.matcher(value.trim().toLowerCase(Locale.ROOT));
        if (!matcher.matches()) {
            throw new UsageException(flag + " must look like 90s, 500ms, 5m or 1h, got: " + value);
        }
        long amount;
        try {
            amount = Long.parseLong(matcher.group(1));
        } catch (NumberFormatException e) {
            throw new UsageException(flag + " is too large: " + value);
        }
        String unit = matcher.group(2) == null ? "s" : matcher.group(2);
        Duration parsed = switch (unit) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> throw new IllegalStateException(unit);
        };
        if (parsed.isZero()) {
            throw new UsageException(flag + " must be longer than zero");
        }
        return parsed;
    }

    private static int positiveInt(String flag, String value, int max) {
        long parsed = positiveLong(flag, value);
        if (parsed > max) {
            throw new UsageException(flag + " must be at most " + max + ", got: " + value);
        }
        return (int) parsed;
    }

    private static long positiveLong(String flag, String value) {
        long parsed;
        try {
            parsed = Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new UsageException(flag + " must be a whole number, got: " + value);
        }
        if (parsed < 1) {
            throw new UsageException(flag + " must be at least 1, got: " + value);
        }
        return parsed;
    }

    private static double nonNegativeNumber(String flag, String value) {
        double parsed;
        try {
            parsed = Double.parseDouble(value.trim());
        } catch (NumberFormatException e) {
            throw new UsageException(flag + " must be a number, got: " + value);
        }
        if (parsed < 0 || Double.isNaN(parsed) || Double.isInfinite(parsed)) {
            throw new UsageException(flag + " must be 0 or more, got: " + value);
        }
        return parsed;
    }

    private static double fraction(String flag, String value) {
        double parsed = nonNegativeNumber(flag, value);
        if (parsed > 1) {
            throw new UsageException(flag + " must be between 0 and 1, got: " + value);
        }
        return parsed;
    }

    private static String scenarioName(String value) {
        if (!Scenarios.names().contains(value)) {
            throw new UsageException("unknown scenario " + value + "; one of: " + String.join(", ", Scenarios.names()));
        }
        return value;
    }

    private static String devicePrefix(String value) {
        if (!DEVICE_PREFIX.matcher(value).matches()) {
            throw new UsageException("--device-prefix may hold letters, digits and . _ : - only, got: " + value);
        }
        return value;
    }

    private static long seed(String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new UsageException("--seed must be a whole number, got: " + value);
        }
    }
}
