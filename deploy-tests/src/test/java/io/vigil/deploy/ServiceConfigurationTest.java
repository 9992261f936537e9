package io.vigil.deploy;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import static io.vigil.deploy.Manifests.at;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each service's cluster settings against the service's own configuration: a renamed property, a moved port or
 * health path fails here instead of in the cluster.
 */
@SuppressWarnings("unchecked")
class ServiceConfigurationTest {

    @Test
    void everyServiceInEveryOverlayMatchesItsConfiguration() {
        List<String> problems = new ArrayList<>();
        for (String overlay : Manifests.OVERLAYS) {
            List<Map<String, Object>> objects = Manifests.overlay(overlay);
            for (String service : Manifests.SERVICES) {
                problems.addAll(problems(objects, service).stream().map(p -> overlay + ": " + p).toList());
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void theEnvironmentNamesFollowTheMicroProfileRules() {
        assertThat(ServiceConfig.environmentName("vigil.db.host")).isEqualTo("VIGIL_DB_HOST");
        assertThat(ServiceConfig.environmentName("vigil.security.public-key")).isEqualTo("VIGIL_SECURITY_PUBLIC_KEY");
        ServiceConfig ingest = ServiceConfig.of("ingest-service");
        assertThat(ingest.readsEnvironment("VIGIL_DB_PASSWORD")).isTrue();          // referenced as ${vigil.db.password:}
        assertThat(ingest.readsEnvironment("VIGIL_BROKER_USERNAME")).isTrue();      // BrokerConfig in the platform
        assertThat(ingest.readsEnvironment("VIGIL_INGEST_BATCH_MAX_MESSAGES")).isTrue(); // IngestConfig group member
        assertThat(ingest.readsEnvironment("VIGIL_DB_HOSTNAME")).isFalse();
        assertThat(ingest.readsEnvironment("VIGIL_TWIN_AUTO_REGISTER")).isFalse();  // another service's setting
        assertThat(ingest.value("quarkus.http.port", null)).isEqualTo("8081");
    }

    @Test
    void aRenamedVariableAWrongPortAndAWrongProbePathAreReported() {
        List<Map<String, Object>> objects = Manifests.overlay("dev");
        Map<String, Object> configMap = Manifests.get(objects, "ConfigMap", "twin-service");
        Map<String, Object> data = (Map<String, Object>) configMap.get("data");
        data.put("VIGIL_BROKER_HOSTNAME", data.remove("VIGIL_BROKER_HOST"));
        Map<String, Object> container = Manifests.container(Manifests.get(objects, "Deployment", "twin-service"), "twin-service");
        ((Map<String, Object>) ((List<Object>) container.get("ports")).get(0)).put("containerPort", 8080);
        ((Map<String, Object>) at(container, "readinessProbe", "httpGet")).put("path", "/health/ready");
        ((List<Map<String, Object>>) container.get("env")).get(0).put("name", "DB_USER");

        assertThat(problems(objects, "twin-service")).containsExactlyInAnyOrder(
                "twin-service: VIGIL_BROKER_HOSTNAME sets no property the service reads",
                "twin-service: DB_USER sets no property the service reads",
                "twin-service: container port 8080, quarkus.http.port is 8083",
                "twin-service: readinessProbe path /health/ready, the service answers on /q/health/ready",
                "twin-service: readinessProbe port 8083 is not a port the container declares",
                "twin-service: livenessProbe port 8083 is not a port the container declares");
        assertThat(problems(objects, "ingest-service")).isEmpty();
    }

    static List<String> problems(List<Map<String, Object>> objects, String service) {
        ServiceConfig config = ServiceConfig.of(service);
        List<String> problems = new ArrayList<>();
        Map<String, Object> deployment = Manifests.get(objects, "Deployment", service);
        Map<String, Object> container = Manifests.container(deployment, service);

        List<String> variables = new ArrayList<>();
        if (container.get("env") instanceof List<?> env) {
            env.forEach(e -> variables.add(String.valueOf(((Map<String, Object>) e).get("name"))));
        }
        if (container.get("envFrom") instanceof List<?> sources) {
            for (Object source : sources) {
                Object name = at(source, "configMapRef", "name");
                if (name == null) {
                    problems.add(service + ": envFrom other than a ConfigMap is not checked: " + source);
                    continue;
                }
                Map<String, Object> configMap = Manifests.get(objects, "ConfigMap", String.valueOf(name));
                variables.addAll(((Map<String, Object>) configMap.getOrDefault("data", Map.of())).keySet());
            }
        }
        for (String variable : variables) {
            // quarkus-kubernetes always passes the pod's namespace; it sets nothing the service reads, and says so.
            if (variable.equals("KUBERNETES_NAMESPACE")) {
                continue;
            }
            if (!config.readsEnvironment(variable)) {
                problems.add(service + ": " + variable + " sets no property the service reads");
            }
        }

        int httpPort = Integer.parseInt(config.value("quarkus.http.port", "8080"));
        List<Integer> ports = new ArrayList<>();
        if (container.get("ports") instanceof List<?> declared) {
            declared.forEach(p -> ports.add((Integer) ((Map<String, Object>) p).get("containerPort")));
        }
        if (!ports.equals(List.of(httpPort))) {
            problems.add(service + ": container port " + ports.stream().map(String::valueOf).reduce((a, b) -> a + "," + b).orElse("none")
                    + ", quarkus.http.port is " + httpPort);
        }
        Map<String, Object> kubernetesService = Manifests.get(objects, "Service", service);
        Object servicePort = at(((List<Object>) at(kubernetesService, "spec", "ports")).get(0), "port");
        if (!Objects.equals(servicePort, httpPort)) {
            problems.add(service + ": Service port " + servicePort + ", quarkus.http.port is " + httpPort);
        }

        boolean management = Boolean.parseBoolean(config.value("quarkus.management.enabled", "false"));
        int probePort = management ? Integer.parseInt(config.value("quarkus.management.port", "9000")) : httpPort;
        String health = healthRoot(config, management);
        Map<String, String> expected = Map.of(
                "livenessProbe", join(health, config.value("quarkus.smallrye-health.liveness-path", "live")),
                "readinessProbe", join(health, config.value("quarkus.smallrye-health.readiness-path", "ready")));
        for (Map.Entry<String, String> probe : expected.entrySet()) {
            Object path = at(container, probe.getKey(), "httpGet", "path");
            Object port = at(container, probe.getKey(), "httpGet", "port");
            if (!probe.getValue().equals(path)) {
                problems.add(service + ": " + probe.getKey() + " path " + path + ", the service answers on " + probe.getValue());
            }
            if (!Objects.equals(port, probePort) && !"http".equals(port)) {
                problems.add(service + ": " + probe.getKey() + " port " + port + ", health is served on " + probePort);
            }
            if (Objects.equals(port, probePort) && !management && !ports.contains(probePort)) {
                problems.add(service + ": " + probe.getKey() + " port " + port + " is not a port the container declares");
            }
        }
        return problems;
    }

    /** Where SmallRye Health answers, as Quarkus resolves its root paths. */
    private static String healthRoot(ServiceConfig config, boolean management) {
        String base = management ? config.value("quarkus.management.root-path", "/q") : nonApplicationRoot(config);
        String health = config.value("quarkus.smallrye-health.root-path", "health");
        return health.startsWith("/") ? health : join(base, health);
    }

    private static String nonApplicationRoot(ServiceConfig config) {
        String root = config.value("quarkus.http.root-path", "/");
        String nonApplication = config.value("quarkus.http.non-application-root-path", "q");
        return nonApplication.startsWith("/") ? nonApplication : join(root, nonApplication);
    }

    private static String join(String parent, String child) {
        if (child.startsWith("/")) {
            return child;
        }
        return (parent.endsWith("/") ? parent : parent + "/") + child;
    }
}
