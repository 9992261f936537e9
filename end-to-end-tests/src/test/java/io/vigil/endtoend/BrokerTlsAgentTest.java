package io.vigil.endtoend;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged broker TLS agent, as the cluster's broker image loads it: with {@code -javaagent} the JVM's default
 * trust manager becomes the one that hands client certificates to the login check; without it, the JDK's own.
 */
class BrokerTlsAgentTest {

    private static final Path AGENT = RunningSuite.repositoryRoot().resolve("stack/target/broker-tls-agent/vigil-broker-tls-agent.jar");

    @Test
    void theAgentMakesTheRegistryDecideAboutClientCertificates() throws Exception {
        assertThat(AGENT).as("built by the stack module's package phase").exists();
        assertThat(defaultTrustAlgorithm(true)).isEqualTo("VigilDeviceCertificates");
        assertThat(defaultTrustAlgorithm(false)).isEqualTo("PKIX");
    }

    private static String defaultTrustAlgorithm(boolean withAgent) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        if (withAgent) {
            command.add("-javaagent:" + AGENT);
        }
        command.addAll(List.of("-jar", AGENT.toString()));
        Process java = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(java.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat(java.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(java.exitValue()).as(output).isZero();
        return output;
    }
}
