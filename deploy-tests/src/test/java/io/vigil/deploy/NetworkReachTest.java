package io.vigil.deploy;

import io.vigil.deploy.NetworkReach.Connection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each service may open exactly the connections it needs: PostgreSQL and the broker on the ports its ConfigMap
 * gives it, and the cluster DNS. No service calls another over HTTP (they talk through the broker), which the
 * second test holds the code to.
 */
@SuppressWarnings("unchecked")
class NetworkReachTest {

    static final List<String> OVERLAYS = Manifests.OVERLAYS;

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void eachServiceReachesItsDatabaseBrokerAndDnsAndNothingElse(String overlay) {
        assertThat(problems(Manifests.overlay(overlay))).isEmpty();
    }

    @Test
    void noServiceHasAnHttpClientForAnotherService() throws Exception {
        // Should a service start calling a peer, its NetworkPolicy must let it, and this test must be told.
        for (String service : Manifests.SERVICES) {
            Path root = Manifests.root().resolve(service);
            assertThat(Files.readString(root.resolve("pom.xml"))).as(service).doesNotContain("rest-client", "vertx-web-client");
            try (Stream<Path> files = Files.walk(root.resolve("src/main/java"))) {
                for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    assertThat(Files.readString(file)).as(file.toString())
                            .doesNotContain("@RegisterRestClient", "java.net.http.HttpClient", "WebClient.create");
                }
            }
        }
    }

    @Test
    void aWrongPortAMissingRuleAndAnExtraPeerAreReported() {
        List<Map<String, Object>> objects = Manifests.overlay("dev");
        Map<String, Object> data = (Map<String, Object>) Manifests.get(objects, "ConfigMap", "ingest-service").get("data");
        data.put("VIGIL_BROKER_PORT", "8883");
        ((List<Object>) Manifests.at(Manifests.get(objects, "NetworkPolicy", "postgres"), "spec", "ingress")).clear();
        Map<String, Object> twinPolicy = Manifests.get(objects, "NetworkPolicy", "twin-service");
        ((List<Object>) Manifests.at(twinPolicy, "spec", "egress")).add(Map.of(
                "to", List.of(Map.of("podSelector", Map.of("matchLabels", Map.of("app.kubernetes.io/name", "query-service")))),
                "ports", List.of(Map.of("protocol", "TCP", "port", 8084))));

        assertThat(problems(objects)).contains(
                "ingest-service may not reach broker:TCP/8883",
                "ingest-service may reach broker:TCP/1883, which it does not need",
                "postgres does not admit ingest-service on TCP/5432",
                "twin-service may reach query-service:TCP/8084, which it does not need");
    }

    static List<String> problems(List<Map<String, Object>> objects) {
        NetworkReach reach = new NetworkReach(objects);
        List<String> problems = new ArrayList<>();
        for (String service : Manifests.SERVICES) {
            Map<String, Object> data = (Map<String, Object>) Manifests.get(objects, "ConfigMap", service).get("data");
            Set<Connection> needed = Set.of(
                    new Connection(String.valueOf(data.get("VIGIL_DB_HOST")), "TCP", Integer.parseInt(String.valueOf(data.get("VIGIL_DB_PORT")))),
                    new Connection(String.valueOf(data.get("VIGIL_BROKER_HOST")), "TCP", Integer.parseInt(String.valueOf(data.get("VIGIL_BROKER_PORT")))),
                    new Connection("dns", "UDP", 53),
                    new Connection("dns", "TCP", 53));
            Set<Connection> allowed = reach.egress(service);
            for (Connection connection : needed) {
                if (!allowed.contains(connection)) {
                    problems.add(service + " may not reach " + connection);
                }
                if (!connection.target().equals("dns") && !reach.admits(connection.target(), service, connection.protocol(), connection.port())) {
                    problems.add(connection.target() + " does not admit " + service + " on " + connection.protocol() + "/" + connection.port());
                }
            }
            for (Connection connection : allowed) {
                if (!needed.contains(connection)) {
                    problems.add(service + " may reach " + connection + ", which it does not need");
                }
            }
        }
        return problems;
    }
}
