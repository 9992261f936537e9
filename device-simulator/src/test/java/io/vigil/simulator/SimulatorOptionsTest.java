package io.vigil.simulator;

import io.vigil.simulator.fleet.FleetConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SimulatorOptionsTest {

    private static SimulatorOptions parse(String... args) {
        return SimulatorOptions.parse(args, () -> 777L);
    }

    @Test
    void defaultsRunTenNormalDevicesForAMinuteAtOneHundredPerSecond() {
        SimulatorOptions options = parse();
        assertThat(options.broker()).isEqualTo(new BrokerAddress("localhost", 1883));
        assertThat(options.devices()).isEqualTo(10);
        assertThat(options.rate()).isEqualTo(100);
        assertThat(options.duration()).contains(Duration.ofSeconds(60));
        assertThat(options.messages()).isEmpty();
        assertThat(options.eventsPerMessage()).isEqualTo(10);
        assertThat(options.maxInFlight()).isEqualTo(10);
        assertThat(options.scenario()).isEqualTo("normal");
        assertThat(options.devicePrefix()).isEqualTo("sim-device");
        assertThat(options.seed()).isEqualTo(777L);
        assertThat(options.help()).isFalse();
    }

    @Test
    void everyFlagIsRead() {
        SimulatorOptions options = parse("--broker", "mqtt://broker.example:1884", "--devices", "50", "--rate", "0",
                "--duration=5m", "--messages", "1000", "--events-per-message", "25", "--max-in-flight", "32",
                "--scenario", "mixed", "--attack-fraction", "0.25", "--device-prefix", "lab-pi", "--seed", "-9",
                "--report", "out/run.json", "--username-template", "hub/{deviceId}", "--password", "k-{deviceId}",
                "--connect-rate", "200");
        assertThat(options.broker()).isEqualTo(new BrokerAddress("broker.example", 1884));
        assertThat(options.devices()).isEqualTo(50);
        assertThat(options.rate()).isZero();
        assertThat(options.duration()).contains(Duration.ofMinutes(5));
        assertThat(options.messages()).hasValue(1000);
        assertThat(options.eventsPerMessage()).isEqualTo(25);
        assertThat(options.maxInFlight()).isEqualTo(32);
        assertThat(options.attackFraction()).isEqualTo(0.25);
        assertThat(options.devicePrefix()).isEqualTo("lab-pi");
        assertThat(options.seed()).isEqualTo(-9);
        assertThat(options.report()).contains(Path.of("out/run.json"));
        assertThat(options.connectRate()).isEqualTo(200);

        FleetConfig config = options.toFleetConfig();
        assertThat(config.plan().size()).isEqualTo(50);
        assertThat(config.plan().suspiciousDevices()).hasSize(13);
        assertThat(config.plan().scenarioByDevice()).containsKey("lab-pi-50");
        assertThat(config.usernameTemplate()).contains("hub/{deviceId}");
    }

    @Test
    void messagesAloneMeansNoTimeLimit() {
        assertThat(parse("--messages", "10").duration()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"90,PT1M30S", "90s,PT1M30S", "500ms,PT0.5S", "5m,PT5M", "1h,PT1H", "2H,PT2H"})
    void durationsReadWithUnits(String text, String expected) {
        assertThat(SimulatorOptions.duration("--duration", text)).isEqualTo(Duration.parse(expected));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "--nope                                 | unknown option --nope",
            "--devices                              | --devices needs a value",
            "--devices abc                          | --devices must be a whole number, got: abc",
            "--devices 0                            | --devices must be at least 1, got: 0",
            "--rate -1                              | --rate must be 0 or more, got: -1",
            "--seed                                 | --seed needs a value",
            "--rate=-1                              | --rate must be 0 or more, got: -1",
            "--rate fast                            | --rate must be a number, got: fast",
            "--duration 10 minutes                  | unknown option minutes",
            "--duration 1.5m                        | --duration must look like 90s, 500ms, 5m or 1h, got: 1.5m",
            "--duration 0s                          | --duration must be longer than zero",
            "--events-per-message 5000              | --events-per-message must be at most 1000, got: 5000",
            "--scenario reverse_shell               | unknown scenario reverse_shell; one of: normal, ssh-bruteforce",
            "--attack-fraction 0.2                  | --attack-fraction only applies to --scenario mixed",
            "--scenario mixed --attack-fraction 2   | --attack-fraction must be between 0 and 1, got: 2",
            "--device-prefix a/b                    | --device-prefix may hold letters, digits and . _ : - only",
            "--seed x                               | --seed must be a whole number, got: x",
            "--broker mqtts://h:8883                | --broker: TLS is not supported yet",
            "--broker http://h                      | --broker must be an mqtt:// URL, got: http://h",
            "--broker mqtt://u:p@h                  | --broker: give credentials with --username-template",
            "--devices 2 --devices 3                | --devices is given twice"})
    void mistakesAreExplainedInOneLine(String args, String message) {
        assertThatThrownBy(() -> parse(args.trim().split("\\s+")))
                .isInstanceOf(UsageException.class)
                .hasMessageStartingWith(message.trim())
                .hasMessageNotContaining("\n");
    }

    @Test
    void brokerAddressesInSeveralSpellings() {
        assertThat(BrokerAddress.parse("mqtt://localhost")).isEqualTo(new BrokerAddress("localhost", 1883));
        assertThat(BrokerAddress.parse("tcp://10.0.0.5:1884")).isEqualTo(new BrokerAddress("10.0.0.5", 1884));
        assertThat(BrokerAddress.parse("broker:2883")).isEqualTo(new BrokerAddress("broker", 2883));
        assertThat(BrokerAddress.parse("mqtt://broker:1883/").toString()).isEqualTo("mqtt://broker:1883");
    }

    @Test
    void badFlagsExitWithTwoAndOneLineOnStderr() throws InterruptedException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = DeviceSimulator.run(new String[]{"--rate", "fast"}, new PrintStream(out), new PrintStream(err));
        assertThat(code).isEqualTo(2);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(err.toString(StandardCharsets.UTF_8))
                .isEqualTo("device-simulator: --rate must be a number, got: fast (try --help)" + System.lineSeparator());
    }

    @Test
    void helpListsEveryFlagAndScenario() throws InterruptedException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = DeviceSimulator.run(new String[]{"--help"}, new PrintStream(out), new PrintStream(new ByteArrayOutputStream()));
        String help = out.toString(StandardCharsets.UTF_8);
        assertThat(code).isZero();
        assertThat(help).contains("--broker", "--devices", "--rate", "--duration", "--messages", "--events-per-message",
                "--max-in-flight", "--scenario", "--attack-fraction", "--device-prefix", "--seed", "--report",
                "--username-template", "--password", "--connect-rate", "--help");
        io.vigil.simulator.scenario.Scenarios.names().forEach(name -> assertThat(help).contains("  " + name + " "));
    }
}
