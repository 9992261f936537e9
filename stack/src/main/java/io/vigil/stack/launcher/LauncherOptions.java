package io.vigil.stack.launcher;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * What the run command was asked to do. Each flag has an environment variable; a flag wins over its variable.
 */
record LauncherOptions(Optional<String> databaseUrl, Optional<String> brokerUrl, Optional<Path> dataDir, boolean clean,
                       int httpPortBase, Optional<Integer> embeddedDatabasePort, Optional<Integer> embeddedBrokerPort,
                       Optional<Integer> embeddedBrokerTlsPort, Optional<Path> home, int startTimeoutSeconds, boolean deviceAuth, boolean help) {

    static final String USAGE = """
            Usage: ./vigil [options]

            Starts PostgreSQL and an MQTT broker (embedded, unless given), then the four Vigil services.

              --database-url URL     PostgreSQL to use instead of the embedded one     (VIGIL_DATABASE_URL)
                                     e.g. postgresql://postgres:secret@localhost:5432/vigil
              --broker-url URL       MQTT broker to use instead of the embedded one    (VIGIL_BROKER_URL)
                                     e.g. mqtt://vigil:secret@localhost:1883
              --data-dir DIR         where the embedded servers keep their data        (VIGIL_DATA_DIR, default <home>/.vigil)
              --clean                start the embedded servers with empty data
              --http-port-base N     ingest on N, detection N+1, twin N+2, query N+3   (VIGIL_HTTP_PORT_BASE, default 8081)
              --db-port N            embedded PostgreSQL port (default 15432, or a free one if taken)
              --broker-port N        embedded broker port (default 1883, or a free one if taken)
              --broker-tls-port N    embedded broker's TLS port, for devices with X.509 certificates
                                     (default 8883, or a free one if taken)
              --start-timeout S      seconds to wait for all services to be ready      (default 180)
              --device-auth on|off   embedded broker: devices must log in as registry identities
                                     (SAS token or certificate), services with their own account
                                                                                 (VIGIL_DEVICE_AUTH, default on)
              --help                 this text
            """;

    static LauncherOptions parse(String[] args, Map<String, String> env) {
        Optional<String> databaseUrl = Optional.ofNullable(blankToNull(env.get("VIGIL_DATABASE_URL")));
        Optional<String> brokerUrl = Optional.ofNullable(blankToNull(env.get("VIGIL_BROKER_URL")));
        Optional<Path> dataDir = Optional.ofNullable(blankToNull(env.get("VIGIL_DATA_DIR"))).map(Path::of);
        int httpPortBase = integer("VIGIL_HTTP_PORT_BASE", Optional.ofNullable(blankToNull(env.get("VIGIL_HTTP_PORT_BASE"))).orElse("8081"));
        boolean clean = false;
        boolean help = false;
        Optional<Integer> dbPort = Optional.empty();
        Optional<Integer> brokerPort = Optional.empty();
        Optional<Integer> brokerTlsPort = Optional.empty();
        Optional<Path> home = Optional.empty();
        int startTimeout = 180;
        boolean deviceAuth = onOff("VIGIL_DEVICE_AUTH", Optional.ofNullable(blankToNull(env.get("VIGIL_DEVICE_AUTH"))).orElse("on"));
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            switch (flag) {
                case "--database-url" -> databaseUrl = Optional.of(value(args, ++i, flag));
                case "--broker-url" -> brokerUrl = Optional.of(value(args, ++i, flag));
                case "--data-dir" -> dataDir = Optional.of(Path.of(value(args, ++i, flag)));
                case "--clean" -> clean = true;
                case "--http-port-base" -> httpPortBase = integer(flag, value(args, ++i, flag));
                case "--db-port" -> dbPort = Optional.of(integer(flag, value(args, ++i, flag)));
                case "--broker-port" -> brokerPort = Optional.of(integer(flag, value(args, ++i, flag)));
                case "--broker-tls-port" -> brokerTlsPort = Optional.of(integer(flag, value(args, ++i, flag)));
                case "--home" -> home = Optional.of(Path.of(value(args, ++i, flag)));
                case "--start-timeout" -> startTimeout = integer(flag, value(args, ++i, flag));
                case "--device-auth" -> deviceAuth = onOff(flag, value(args, ++i, flag));
                case "--help", "-h" -> help = true;
                default -> throw new LauncherException("unknown option " + flag + "\n\n" + USAGE);
            }
        }
        if (httpPortBase < 1 || httpPortBase > 65532) {
            throw new LauncherException("--http-port-base must leave room for four ports below 65536");
        }
        return new LauncherOptions(databaseUrl, brokerUrl, dataDir, clean, httpPortBase, dbPort, brokerPort, brokerTlsPort, home,
                startTimeout, deviceAuth, help);
    }

    private static String value(String[] args, int index, String flag) {
        if (index >= args.length || args[index].startsWith("--")) {
            throw new LauncherException(flag + " needs a value");
        }
        return args[index];
    }

    private static int integer(String name, String value) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new LauncherException(name + " must be a number, got: " + value);
        }
    }

    private static boolean onOff(String name, String value) {
        return switch (value.trim()) {
            case "on" -> true;
            case "off" -> false;
            default -> throw new LauncherException(name + " must be on or off, got: " + value);
        };
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
