package io.vigil.endtoend;

import io.vigil.testing.Infrastructure;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The README's first command works: the whole suite comes up ready and goes away without leftovers. */
class RunCommandTest {

    @Test
    void embeddedPathBringsUpEveryServiceAndStopsCleanly() throws Exception {
        int base = RunningSuite.freePortRange();
        Path data = Path.of("target", "run-command-data").toAbsolutePath();
        try (RunningSuite suite = RunningSuite.start(base, "--clean", "--data-dir", data.toString(),
                "--db-port", String.valueOf(RunningSuite.freePort()), "--broker-port", String.valueOf(RunningSuite.freePort()))) {
            suite.awaitUp(Duration.ofMinutes(4));
            assertEveryServiceReady(suite);
            assertThat(suite.output()).anyMatch(line -> line.contains("embedded HiveMQ"));
            assertThat(suite.output()).anyMatch(line -> line.contains("PostgreSQL") && line.contains("(embedded"));

            List<ProcessHandle> tree = suite.processTree();
            assertThat(tree).hasSizeGreaterThanOrEqualTo(1 + RunningSuite.SERVICES.size());
            assertThat(suite.stop(Duration.ofSeconds(90))).as("exit code after SIGTERM").isIn(0, 143);
            assertNothingLeftBehind(tree);
        }
    }

    @Test
    void externalPathUsesTheGivenDatabaseAndBroker() throws Exception {
        Infrastructure machine = Infrastructure.shared();
        Assumptions.assumeTrue(machine.mode().equals("machine"), "needs a PostgreSQL and broker on this machine");
        int base = RunningSuite.freePortRange();
        try (RunningSuite suite = RunningSuite.start(base,
                "--database-url", "postgresql://" + machine.dbUser() + "@" + machine.dbHost() + ":" + machine.dbPort() + "/vigil_run_command",
                "--broker-url", "mqtt://" + machine.brokerHost() + ":" + machine.brokerPort())) {
            suite.awaitUp(Duration.ofMinutes(4));
            assertEveryServiceReady(suite);
            assertThat(suite.output()).noneMatch(line -> line.contains("Starting embedded"));
            assertThat(suite.output()).anyMatch(line -> line.contains("(external)"));

            List<ProcessHandle> tree = suite.processTree();
            assertThat(suite.stop(Duration.ofSeconds(90))).as("exit code after SIGTERM").isIn(0, 143);
            assertNothingLeftBehind(tree);
        }
    }

    private static void assertEveryServiceReady(RunningSuite suite) throws Exception {
        for (String service : RunningSuite.SERVICES) {
            var response = suite.get(service, "/q/health/ready");
            assertThat(response.statusCode()).as(service + " readiness").isEqualTo(200);
            assertThat(response.body()).as(service + " readiness").contains("\"status\": \"UP\"");
        }
    }

    private static void assertNothingLeftBehind(List<ProcessHandle> tree) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (tree.stream().anyMatch(ProcessHandle::isAlive) && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertThat(tree.stream().filter(ProcessHandle::isAlive).map(p -> p.pid() + " " + p.info().commandLine().orElse("")))
                .as("processes still running after the suite stopped").isEmpty();
    }
}
