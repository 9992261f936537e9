package io.vigil.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Points a service under test at a real PostgreSQL and a real MQTT broker ({@link Infrastructure}) and gives it
 * a database of its own, empty at the start of each test run.
 * <p>
 * Init args: {@code database} (default: {@code vigil_test_} plus the module folder's name, see
 * {@link Infrastructure#testDatabase}).
 */
public class VigilTestResource implements QuarkusTestResourceLifecycleManager {

    private static final Set<String> PREPARED = new HashSet<>();
    private static final String RUN_ID = UUID.randomUUID().toString().substring(0, 8);

    private String database;

    @Override
    public void init(Map<String, String> initArgs) {
        database = initArgs.getOrDefault("database", defaultDatabaseName());
    }

    @Override
    public Map<String, String> start() {
        Infrastructure infrastructure = Infrastructure.shared();
        synchronized (PREPARED) {
            if (PREPARED.add(database)) {
                infrastructure.recreateDatabase(database);
            }
        }
        Map<String, String> config = new HashMap<>();
        config.put("vigil.db.host", infrastructure.dbHost());
        config.put("vigil.db.port", String.valueOf(infrastructure.dbPort()));
        config.put("vigil.db.name", database);
        config.put("vigil.db.user", infrastructure.dbUser());
        config.put("vigil.db.password", infrastructure.dbPassword());
        config.put("vigil.broker.host", infrastructure.brokerHost());
        config.put("vigil.broker.port", String.valueOf(infrastructure.brokerPort()));
        config.put("vigil.broker.client-id", database + "-" + UUID.randomUUID().toString().substring(0, 8));
        config.put("vigil.broker.persistent-session", "false");
        // Services name their shared-subscription groups after this, so that no other run's sessions on the same
        // broker take a share of this run's messages.
        config.put("vigil.test.run-id", RUN_ID);
        return config;
    }

    @Override
    public void stop() {
        // The database stays for inspection after a failed run; the next run recreates it.
    }

    /** The database this resource gives to the tests of the current module. */
    public static String defaultDatabaseName() {
        String module = Path.of("").toAbsolutePath().getFileName().toString();
        return Infrastructure.testDatabase(("vigil_test_" + module).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_"));
    }
}
