package io.vigil.simulator.scenario;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Every scenario by name, in the order they are listed and handed out in mixed mode. */
public final class Scenarios {

    public static final String MIXED = "mixed";

    private static final Scenario NORMAL = new NormalScenario();
    private static final Map<String, Scenario> BY_NAME = index(List.of(
            NORMAL,
            new SshBruteforceScenario(true),
            new SshBruteforceScenario(false),
            new LocalLoginScenario(),
            new ReverseShellScenario(),
            new CryptoMinerScenario(),
            new OpenPortsScenario(),
            new PermissiveFirewallScenario(),
            new BinaryCommandLineScenario(),
            new ClearHistoryScenario(),
            new DisableFirewallScenario(),
            new WebShellScenario(),
            new PortForwardingScenario(),
            new KnownAttackToolsScenario(),
            new CredentialAccessToolsScenario()));

    private Scenarios() {
    }

    public static Scenario normal() {
        return NORMAL;
    }

    public static Optional<Scenario> named(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }

    public static List<Scenario> all() {
        return List.copyOf(BY_NAME.values());
    }

    /** Every scenario that should raise something: all but {@code normal}. */
    public static List<Scenario> suspicious() {
        return BY_NAME.values().stream().filter(s -> s != NORMAL).toList();
    }

    /** The names accepted by {@code --scenario}, {@code mixed} included. */
    public static List<String> names() {
        List<String> names = new java.util.ArrayList<>(BY_NAME.keySet());
        names.add(MIXED);
        return names;
    }

    private static Map<String, Scenario> index(List<Scenario> scenarios) {
        Map<String, Scenario> byName = new LinkedHashMap<>();
        for (Scenario scenario : scenarios) {
            if (byName.put(scenario.name(), scenario) != null) {
                throw new IllegalStateException("two scenarios named " + scenario.name());
            }
        }
        return byName;
    }
}
