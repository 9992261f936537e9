package io.vigil.deploy;

import io.vigil.deploy.NetworkReach.Connection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The cluster's broker (HiveMQ CE with Vigil's device login check, image stack/src/main/docker/Dockerfile.broker)
 * against the rest of the deployment: the image is the HiveMQ version the run command embeds and carries the
 * extension and the config.xml; that config.xml is valid for HiveMQ and listens where the container, its probes,
 * the Service and the services' ConfigMaps say; the extension's environment names twin-service's Service and port,
 * the services' own account and files that are really mounted from the right Secrets; and the network policies let
 * the broker reach twin-service's HTTP port (and DNS) and nothing else, and twin-service admit it.
 */
@SuppressWarnings("unchecked")
class BrokerTest {

    static final List<String> OVERLAYS = Manifests.OVERLAYS;
    private static final Path DOCKERFILE = Path.of("stack/src/main/docker/Dockerfile.broker");
    private static final Path START_SCRIPT = Path.of("stack/src/main/docker/broker/start.sh");
    private static final Path CONFIG = Path.of("stack/src/main/docker/broker/config.xml");
    private static final String CONTAINER = "hivemq";
    private static final List<String> EXTENSION_SETTINGS = List.of(
            "VIGIL_TWIN_URL", "VIGIL_BROKER_TOKEN_FILE", "VIGIL_SERVICES_USERNAME", "VIGIL_SERVICES_PASSWORD_FILE");

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void theBrokerMatchesItsImageTwinServiceAndTheServices(String overlay) throws IOException {
        assertThat(problems(Manifests.overlay(overlay), read(CONFIG), read(DOCKERFILE), hivemqVersion())).isEmpty();
    }

    @Test
    void aMovedFileAnotherPortAnExtraPeerAndAnotherImageAreReported() throws IOException {
        List<Map<String, Object>> objects = Manifests.overlay("dev");
        Map<String, Object> env = (Map<String, Object>) Manifests.get(objects, "ConfigMap", "broker").get("data");
        env.put("VIGIL_BROKER_TOKEN_FILE", "/etc/vigil/token/token");
        env.put("VIGIL_SERVICES_USERNAME", "vigil");
        env.put("HIVEMQ_ALLOW_ALL_CLIENTS", "true");
        env.remove("VIGIL_SERVICES_PASSWORD_FILE");
        Map<String, Object> broker = Manifests.get(objects, "StatefulSet", "broker");
        ((Map<String, Object>) Manifests.container(broker, CONTAINER).get("livenessProbe")).put("tcpSocket", Map.of("port", 8883));
        ((List<Object>) Manifests.at(Manifests.get(objects, "NetworkPolicy", "broker"), "spec", "egress")).add(Map.of(
                "to", List.of(Map.of("podSelector", Map.of("matchLabels", Map.of("app.kubernetes.io/name", "postgres")))),
                "ports", List.of(Map.of("protocol", "TCP", "port", 5432))));
        ((List<Object>) Manifests.at(Manifests.get(objects, "NetworkPolicy", "twin-service"), "spec", "ingress")).clear();
        String config = read(CONFIG).replace("<port>8883</port>", "<port>8884</port>")
                .replace("${ENV:VIGIL_BROKER_KEYSTORE_PASSWORD}</private-key-password>", "${ENV:KEYSTORE_PASSWORD}</private-key-password>")
                .replace("/opt/hivemq/tls/keystore.p12", "/opt/hivemq/conf/keystore.p12");
        String dockerfile = read(DOCKERFILE).replace("FROM hivemq/hivemq-ce:" + hivemqVersion(), "FROM hivemq/hivemq-ce:2024.1")
                .replace("RUN rm -rf /opt/hivemq/extensions/hivemq-allow-all-extension", "")
                .replace("/opt/hivemq/vigil/vigil-broker-tls-agent.jar", "/opt/hivemq/lib/vigil-broker-tls-agent.jar");

        assertThat(problems(objects, config, dockerfile, hivemqVersion())).containsExactlyInAnyOrder(
                "Dockerfile.broker: FROM hivemq/hivemq-ce:2024.1 is not the embedded broker's version " + hivemqVersion(),
                "Dockerfile.broker: the allow-all extension is not removed",
                "Dockerfile.broker: the broker TLS agent is not copied to where " + START_SCRIPT + " loads it",
                "config.xml: listener 8884 is not a port of container hivemq",
                "config.xml: container port 8883 has no listener",
                "config.xml: listener 8884 is not a port of Service broker",
                "config.xml: keystore /opt/hivemq/conf/keystore.p12 is not a file of a Secret mounted in container hivemq",
                "config.xml: ${ENV:KEYSTORE_PASSWORD} is not in the environment of container hivemq",
                "livenessProbe: port 8883 is not a plain listener of config.xml",
                "environment: HIVEMQ_ALLOW_ALL_CLIENTS is true (every client let in)",
                "environment: no VIGIL_SERVICES_PASSWORD_FILE",
                "environment: VIGIL_BROKER_TOKEN_FILE /etc/vigil/token/token is not a file of a Secret mounted in container hivemq",
                "environment: VIGIL_SERVICES_USERNAME vigil is not ingest-service's VIGIL_BROKER_USERNAME vigil-services",
                "environment: VIGIL_SERVICES_USERNAME vigil is not detection-service's VIGIL_BROKER_USERNAME vigil-services",
                "environment: VIGIL_SERVICES_USERNAME vigil is not twin-service's VIGIL_BROKER_USERNAME vigil-services",
                "environment: VIGIL_SERVICES_USERNAME vigil is not query-service's VIGIL_BROKER_USERNAME vigil-services",
                "network: broker may reach postgres:TCP/5432, which it does not need",
                "network: twin-service does not admit broker on TCP/8083");
    }

    @Test
    void aConfigurationHiveMqWouldRefuseIsReported() throws IOException {
        String config = read(CONFIG).replace("<client-authentication-mode>OPTIONAL</client-authentication-mode>",
                "<client-authentication-mode>WANTED</client-authentication-mode>");
        assertThat(problems(Manifests.overlay("dev"), config, read(DOCKERFILE), hivemqVersion()))
                .singleElement().asString().startsWith("config.xml: not valid for HiveMQ").contains("WANTED");
    }

    @Test
    void aServiceOnTheTlsPortAPasswordFromAnotherSecretAndAWrongTwinServicePortAreReported() throws IOException {
        List<Map<String, Object>> objects = Manifests.overlay("dev");
        ((Map<String, Object>) Manifests.get(objects, "ConfigMap", "query-service").get("data")).put("VIGIL_BROKER_PORT", "8883");
        Map<String, Object> env = (Map<String, Object>) Manifests.get(objects, "ConfigMap", "broker").get("data");
        env.put("VIGIL_SERVICES_PASSWORD_FILE", "/etc/vigil/broker-token/token");
        env.put("VIGIL_TWIN_URL", "http://twin-service:8084");
        assertThat(problems(objects, read(CONFIG), read(DOCKERFILE), hivemqVersion())).containsExactlyInAnyOrder(
                "config.xml: query-service's VIGIL_BROKER_PORT 8883 is not a plain listener",
                "environment: VIGIL_TWIN_URL http://twin-service:8084 is not a port of Service twin-service",
                // With no port of twin-service to go to, the broker's reach to the real one is more than it needs.
                "network: broker may reach twin-service:TCP/8083, which it does not need",
                "environment: VIGIL_SERVICES_PASSWORD_FILE /etc/vigil/broker-token/token is Secret vigil-broker-token key token,"
                        + " not the services' broker password (Secret vigil-broker-services key password)");
    }

    static List<String> problems(List<Map<String, Object>> objects, String config, String dockerfile, String hivemqVersion)
            throws IOException {
        List<String> problems = new ArrayList<>();
        image(dockerfile, hivemqVersion, problems);

        Map<String, Object> broker = Manifests.get(objects, "StatefulSet", "broker");
        Map<String, Object> container = Manifests.container(broker, CONTAINER);
        Map<String, String> env = environment(objects, container);

        // config.xml: valid for HiveMQ, listening where the container, the Service, the probes and the services say.
        String invalid = schemaProblem(config);
        if (invalid != null) {
            problems.add("config.xml: not valid for HiveMQ: " + invalid);
            return problems;
        }
        Document document = parse(config);
        Set<Integer> plain = ports(document, "tcp-listener");
        Set<Integer> tls = ports(document, "tls-tcp-listener");
        Set<Integer> listeners = new TreeSet<>(plain);
        listeners.addAll(tls);
        Map<String, Integer> containerPorts = containerPorts(container);
        for (int listener : listeners) {
            if (!containerPorts.containsValue(listener)) {
                problems.add("config.xml: listener " + listener + " is not a port of container " + CONTAINER);
            }
        }
        for (int port : new TreeSet<>(containerPorts.values())) {
            if (!listeners.contains(port)) {
                problems.add("config.xml: container port " + port + " has no listener");
            }
        }
        Set<Integer> exposed = new TreeSet<>();
        for (Object port : list(Manifests.at(Manifests.get(objects, "Service", "broker"), "spec", "ports"))) {
            exposed.add(targetPort(port, containerPorts));
        }
        for (int listener : listeners) {
            if (!exposed.contains(listener)) {
                problems.add("config.xml: listener " + listener + " is not a port of Service broker");
            }
        }
        for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
            Object port = Manifests.at(container, probe, "tcpSocket", "port");
            if (port != null) {
                int number = port instanceof Integer n ? n : containerPorts.getOrDefault(String.valueOf(port), -1);
                if (!plain.contains(number)) {
                    problems.add(probe + ": port " + port + " is not a plain listener of config.xml");
                }
            } else if (container.get(probe) != null) {
                problems.add(probe + ": not a TCP check of a plain listener");
            }
        }
        for (String service : Manifests.SERVICES) {
            Map<String, Object> data = (Map<String, Object>) Manifests.get(objects, "ConfigMap", service).get("data");
            String port = String.valueOf(data.get("VIGIL_BROKER_PORT"));
            if (!plain.contains(Integer.parseInt(port))) {
                problems.add("config.xml: " + service + "'s VIGIL_BROKER_PORT " + port + " is not a plain listener");
            }
        }
        NodeList tlsConfigs = document.getElementsByTagName("tls");
        for (int i = 0; i < tlsConfigs.getLength(); i++) {
            Element tlsConfig = (Element) tlsConfigs.item(i);
            String keystore = text(tlsConfig, "keystore", "path");
            if (fileOf(broker, container, keystore) == null) {
                problems.add("config.xml: keystore " + keystore + " is not a file of a Secret mounted in container " + CONTAINER);
            }
            if (!"OPTIONAL".equals(text(tlsConfig, "client-authentication-mode"))) {
                problems.add("config.xml: a TLS listener does not ask for client certificates (OPTIONAL)");
            }
        }
        Matcher placeholder = Pattern.compile("\\$\\{(?:ENV:)?([^}]+)}").matcher(config);
        Set<String> reported = new LinkedHashSet<>();
        while (placeholder.find()) {
            if (!env.containsKey(placeholder.group(1)) && reported.add(placeholder.group())) {
                problems.add("config.xml: " + placeholder.group() + " is not in the environment of container " + CONTAINER);
            }
        }

        // The extension's environment.
        if ("true".equals(env.get("HIVEMQ_ALLOW_ALL_CLIENTS"))) {
            problems.add("environment: HIVEMQ_ALLOW_ALL_CLIENTS is true (every client let in)");
        }
        for (String setting : EXTENSION_SETTINGS) {
            if (env.get(setting) == null) {
                problems.add("environment: no " + setting);
            }
        }
        Connection twin = twinService(objects, env.get("VIGIL_TWIN_URL"), problems);
        String token = env.get("VIGIL_BROKER_TOKEN_FILE");
        if (token != null && fileOf(broker, container, token) == null) {
            problems.add("environment: VIGIL_BROKER_TOKEN_FILE " + token + " is not a file of a Secret mounted in container " + CONTAINER);
        }
        String password = env.get("VIGIL_SERVICES_PASSWORD_FILE");
        Set<String> servicePasswords = new TreeSet<>();
        for (String service : Manifests.SERVICES) {
            Map<String, Object> serviceContainer = Manifests.container(Manifests.get(objects, "Deployment", service), service);
            servicePasswords.add(String.valueOf(environment(objects, serviceContainer).get("VIGIL_BROKER_PASSWORD")));
            Map<String, Object> data = (Map<String, Object>) Manifests.get(objects, "ConfigMap", service).get("data");
            String user = String.valueOf(data.get("VIGIL_BROKER_USERNAME"));
            String account = env.get("VIGIL_SERVICES_USERNAME");
            if (account != null && !account.equals(user)) {
                problems.add("environment: VIGIL_SERVICES_USERNAME " + account + " is not " + service + "'s VIGIL_BROKER_USERNAME " + user);
            }
        }
        if (password != null) {
            String file = fileOf(broker, container, password);
            if (file == null) {
                problems.add("environment: VIGIL_SERVICES_PASSWORD_FILE " + password + " is not a file of a Secret mounted in container " + CONTAINER);
            } else if (servicePasswords.size() != 1 || !servicePasswords.contains(file)) {
                problems.add("environment: VIGIL_SERVICES_PASSWORD_FILE " + password + " is " + file
                        + ", not the services' broker password (" + String.join(", ", servicePasswords) + ")");
            }
        }

        // The network: twin-service's HTTP port and DNS, nothing else, and twin-service admits the broker.
        NetworkReach reach = new NetworkReach(objects);
        Set<Connection> needed = new LinkedHashSet<>(List.of(new Connection("dns", "UDP", 53), new Connection("dns", "TCP", 53)));
        if (twin != null) {
            needed.add(twin);
        }
        Set<Connection> allowed = reach.egress("broker");
        for (Connection connection : needed) {
            if (!allowed.contains(connection)) {
                problems.add("network: broker may not reach " + connection);
            }
            if (!connection.target().equals("dns") && !reach.admits(connection.target(), "broker", connection.protocol(), connection.port())) {
                problems.add("network: " + connection.target() + " does not admit broker on " + connection.protocol() + "/" + connection.port());
            }
        }
        for (Connection connection : allowed) {
            if (!needed.contains(connection)) {
                problems.add("network: broker may reach " + connection + ", which it does not need");
            }
        }
        return problems;
    }

    /** The image: the embedded broker's HiveMQ, the extension folder and config.xml in place, no allow-all. */
    private static void image(String dockerfile, String hivemqVersion, List<String> problems) throws IOException {
        List<String> lines = dockerfile.lines().map(String::strip).filter(l -> !l.startsWith("#")).toList();
        String from = lines.stream().filter(l -> l.startsWith("FROM ")).findFirst().orElse("FROM (none)");
        if (!from.equals("FROM hivemq/hivemq-ce:" + hivemqVersion)) {
            problems.add("Dockerfile.broker: " + from + " is not the embedded broker's version " + hivemqVersion);
        }
        Map<String, String> copies = new LinkedHashMap<>();
        for (String line : lines) {
            if (line.startsWith("COPY ")) {
                String[] words = line.split("\\s+");
                copies.put(words[words.length - 2], words[words.length - 1]);
            }
        }
        if (!"/opt/hivemq/conf/config.xml".equals(copies.get(CONFIG.toString().substring("stack/".length())))) {
            problems.add("Dockerfile.broker: " + CONFIG + " is not copied to /opt/hivemq/conf/config.xml");
        }
        if (!"/opt/hivemq/extensions/vigil-device-auth".equals(copies.get("target/hivemq-extension/vigil-device-auth"))) {
            problems.add("Dockerfile.broker: the extension folder is not copied to /opt/hivemq/extensions/vigil-device-auth");
        }
        // The TLS agent must be where the start script loads it from, or certificate devices fail their handshake.
        String agent = copies.get("target/broker-tls-agent/vigil-broker-tls-agent.jar");
        if (agent == null || !read(START_SCRIPT).contains("-javaagent:" + agent.replace("/opt/hivemq/", "$HIVEMQ_FOLDER/"))) {
            problems.add("Dockerfile.broker: the broker TLS agent is not copied to where " + START_SCRIPT + " loads it");
        }
        if (lines.stream().noneMatch(l -> l.startsWith("RUN rm -rf /opt/hivemq/extensions/hivemq-allow-all-extension"))) {
            problems.add("Dockerfile.broker: the allow-all extension is not removed");
        }
    }

    /** twin-service's pod port that VIGIL_TWIN_URL leads to, through the Service it names, or null (reported). */
    private static Connection twinService(List<Map<String, Object>> objects, String url, List<String> problems) {
        if (url == null) {
            return null;
        }
        URI uri = URI.create(url);
        Map<String, Object> service = Manifests.find(objects, "Service", String.valueOf(uri.getHost())).orElse(null);
        Map<String, Object> twin = Manifests.get(objects, "Deployment", "twin-service");
        Object selector = Manifests.at(service, "spec", "selector");
        boolean selectsTwin = selector instanceof Map<?, ?> wanted && !wanted.isEmpty()
                && wanted.entrySet().stream().allMatch(e -> Objects.equals(Manifests.podLabels(twin).get(e.getKey()), e.getValue()));
        if (!"http".equals(uri.getScheme()) || service == null || !selectsTwin) {
            problems.add("environment: VIGIL_TWIN_URL " + url + " is not twin-service's Service");
            return null;
        }
        Map<String, Integer> twinPorts = containerPorts(Manifests.container(twin, "twin-service"));
        for (Object port : list(Manifests.at(service, "spec", "ports"))) {
            if (Objects.equals(Manifests.at(port, "port"), uri.getPort())) {
                return new Connection("twin-service", "TCP", targetPort(port, twinPorts));
            }
        }
        problems.add("environment: VIGIL_TWIN_URL " + url + " is not a port of Service " + uri.getHost());
        return null;
    }

    /** The container's variables: its env (a Secret's key as "Secret name key key") and its ConfigMaps' data. */
    private static Map<String, String> environment(List<Map<String, Object>> objects, Map<String, Object> container) {
        Map<String, String> env = new LinkedHashMap<>();
        for (Object source : list(container.get("envFrom"))) {
            Object name = Manifests.at(source, "configMapRef", "name");
            if (name != null) {
                Map<String, Object> data = (Map<String, Object>) Manifests.get(objects, "ConfigMap", String.valueOf(name)).get("data");
                data.forEach((key, value) -> env.put(key, String.valueOf(value)));
            }
        }
        for (Object variable : list(container.get("env"))) {
            Object secret = Manifests.at(variable, "valueFrom", "secretKeyRef");
            String value = secret != null
                    ? "Secret " + Manifests.at(secret, "name") + " key " + Manifests.at(secret, "key")
                    : Objects.toString(Manifests.at(variable, "value"), "");
            env.put(String.valueOf(Manifests.at(variable, "name")), value);
        }
        return env;
    }

    /** "Secret name key key" for a file that the container sees from a mounted Secret, or null. */
    private static String fileOf(Map<String, Object> workload, Map<String, Object> container, String path) {
        if (path == null) {
            return null;
        }
        for (Object mount : list(container.get("volumeMounts"))) {
            String mountPath = String.valueOf(Manifests.at(mount, "mountPath"));
            if (!path.startsWith(mountPath + "/") || Manifests.at(mount, "subPath") != null) {
                continue;
            }
            String file = path.substring(mountPath.length() + 1);
            for (Object volume : list(Manifests.podSpec(workload).get("volumes"))) {
                Object secret = Manifests.at(volume, "secret");
                if (secret == null || !Objects.equals(Manifests.at(volume, "name"), Manifests.at(mount, "name"))) {
                    continue;
                }
                List<Object> items = list(Manifests.at(secret, "items"));
                String key = items.isEmpty() ? file : items.stream()
                        .filter(item -> file.equals(Manifests.at(item, "path")))
                        .map(item -> String.valueOf(Manifests.at(item, "key"))).findFirst().orElse(null);
                if (key != null) {
                    return "Secret " + Manifests.at(secret, "secretName") + " key " + key;
                }
            }
        }
        return null;
    }

    private static Map<String, Integer> containerPorts(Map<String, Object> container) {
        Map<String, Integer> ports = new LinkedHashMap<>();
        for (Object port : list(container.get("ports"))) {
            ports.put(Objects.toString(Manifests.at(port, "name"), "#" + ports.size()), (Integer) Manifests.at(port, "containerPort"));
        }
        return ports;
    }

    private static int targetPort(Object servicePort, Map<String, Integer> containerPorts) {
        Object target = Manifests.at(servicePort, "targetPort");
        if (target == null) {
            target = Manifests.at(servicePort, "port");
        }
        return target instanceof Integer number ? number : containerPorts.getOrDefault(String.valueOf(target), -1);
    }

    private static Set<Integer> ports(Document document, String listener) {
        Set<Integer> ports = new TreeSet<>();
        NodeList nodes = document.getElementsByTagName(listener);
        for (int i = 0; i < nodes.getLength(); i++) {
            ports.add(Integer.parseInt(text((Element) nodes.item(i), "port")));
        }
        return ports;
    }

    private static String text(Element element, String... path) {
        Element current = element;
        for (String name : path) {
            NodeList children = current.getElementsByTagName(name);
            if (children.getLength() == 0) {
                return null;
            }
            current = (Element) children.item(0);
        }
        return current.getTextContent().strip();
    }

    /** HiveMQ's own config.xsd (from the embedded broker's jar) judges the file, as HiveMQ does at start. */
    private static String schemaProblem(String config) {
        try {
            URL xsd = Collections.list(BrokerTest.class.getClassLoader().getResources("config.xsd")).stream()
                    .filter(url -> url.toString().contains("hivemq-community-edition-embedded")).findFirst()
                    .orElseThrow(() -> new AssertionError("HiveMQ's config.xsd is not on the class path"));
            SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI).newSchema(xsd).newValidator()
                    .validate(new StreamSource(new StringReader(config)));
            return null;
        } catch (SAXException e) {
            return e.getMessage();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static Document parse(String xml) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new AssertionError("config.xml does not parse: " + e.getMessage(), e);
        }
    }

    private static String read(Path file) throws IOException {
        return Files.readString(Manifests.root().resolve(file));
    }

    /** hivemq-embedded.version of the root pom: the HiveMQ the run command embeds. */
    static String hivemqVersion() throws IOException {
        Matcher version = Pattern.compile("<hivemq-embedded\\.version>([^<]+)</hivemq-embedded\\.version>")
                .matcher(Files.readString(Manifests.root().resolve("pom.xml")));
        if (!version.find()) {
            throw new AssertionError("no hivemq-embedded.version in the root pom");
        }
        return version.group(1).strip();
    }

    private static List<Object> list(Object value) {
        return value instanceof List<?> list ? (List<Object>) list : List.of();
    }
}
