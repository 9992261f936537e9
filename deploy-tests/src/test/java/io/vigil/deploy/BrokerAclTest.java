package io.vigil.deploy;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Mosquitto ACL against twin-service's own idea of a device's topics (DevicePermissions and TwinTopic), and
 * the broker's files against where the StatefulSet mounts them, so that a renamed topic or a moved mount breaks
 * the build rather than the devices.
 */
@SuppressWarnings("unchecked")
class BrokerAclTest {

    private static final Path PERMISSIONS = Path.of("twin-service/src/main/java/io/vigil/twin/brokerauth/DevicePermissions.java");
    private static final Path TWIN_TOPIC = Path.of("twin-service/src/main/java/io/vigil/twin/devicechannel/TwinTopic.java");

    @Test
    void theBrokerConfigurationMatchesTheServicesAndTwinService() throws IOException {
        assertThat(problems(Manifests.overlay("dev"), devicePatterns())).isEmpty();
        assertThat(problems(Manifests.overlay("prod"), devicePatterns())).isEmpty();
    }

    @Test
    void theDeviceTopicsAreReadFromTwinService() throws IOException {
        assertThat(devicePatterns()).contains(
                "pattern write devices/%c/messages/events/#",
                "pattern write devices/%c/twin/GET/#",
                "pattern read devices/%c/twin/res/#",
                "pattern read devices/%c/messages/devicebound/#");
    }

    @Test
    void aMissingTopicAWrongAccessAnUnknownUserAndAMovedMountAreReported() throws IOException {
        List<Map<String, Object>> objects = Manifests.overlay("dev");
        Map<String, Object> data = (Map<String, Object>) Manifests.get(objects, "ConfigMap", "broker").get("data");
        data.put("acl", String.valueOf(data.get("acl"))
                .replace("pattern read devices/%c/twin/res/#\n", "")
                .replace("pattern write devices/%c/messages/events/#", "pattern readwrite devices/%c/messages/events/#")
                .replace("user vigil-services", "user vigil"));
        data.put("mosquitto.conf", String.valueOf(data.get("mosquitto.conf")).replace("/mosquitto/passwords/passwd", "/etc/passwd"));

        assertThat(problems(objects, devicePatterns())).containsExactlyInAnyOrder(
                "acl: missing 'pattern read devices/%c/twin/res/#'",
                "acl: missing 'pattern write devices/%c/messages/events/#'",
                "acl: 'pattern readwrite devices/%c/messages/events/#' is more than twin-service allows a device",
                "acl: the services' account vigil-services (VIGIL_BROKER_USERNAME) is not given every topic",
                "mosquitto.conf: password_file /etc/passwd is not where the StatefulSet mounts the Secret vigil-broker-passwd");
    }

    static List<String> problems(List<Map<String, Object>> objects, Set<String> expectedPatterns) {
        List<String> problems = new ArrayList<>();
        Map<String, Object> data = (Map<String, Object>) Manifests.get(objects, "ConfigMap", "broker").get("data");
        String conf = String.valueOf(data.get("mosquitto.conf"));
        List<String> acl = String.valueOf(data.get("acl")).lines().map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();

        Set<String> patterns = new TreeSet<>(acl.stream().filter(line -> line.startsWith("pattern ")).toList());
        for (String expected : expectedPatterns) {
            if (!patterns.contains(expected)) {
                problems.add("acl: missing '" + expected + "'");
            }
        }
        for (String pattern : patterns) {
            if (!expectedPatterns.contains(pattern)) {
                problems.add("acl: '" + pattern + "' is more than twin-service allows a device");
            }
        }
        for (String service : Manifests.SERVICES) {
            Map<String, Object> env = (Map<String, Object>) Manifests.get(objects, "ConfigMap", service).get("data");
            String user = String.valueOf(env.get("VIGIL_BROKER_USERNAME"));
            int at = acl.indexOf("user " + user);
            if (at < 0 || at + 1 >= acl.size() || !acl.get(at + 1).equals("topic readwrite #")) {
                String problem = "acl: the services' account " + user + " (VIGIL_BROKER_USERNAME) is not given every topic";
                if (!problems.contains(problem)) {
                    problems.add(problem);
                }
            }
        }

        Map<String, Object> broker = Manifests.get(objects, "StatefulSet", "broker");
        Map<String, Object> container = Manifests.container(broker, "mosquitto");
        if (!conf.lines().map(String::strip).toList().contains("allow_anonymous false")) {
            problems.add("mosquitto.conf: anonymous clients are let in");
        }
        file(conf, "password_file", mountOf(broker, container, "secret", "vigil-broker-passwd"), "the Secret vigil-broker-passwd", problems);
        file(conf, "acl_file", mountOf(broker, container, "configMap", "broker"), "the ConfigMap broker", problems);
        return problems;
    }

    /** The path under which the container sees the volume's files, or null. */
    private static String mountOf(Map<String, Object> workload, Map<String, Object> container, String kind, String source) {
        for (Object volume : (List<Object>) Manifests.podSpec(workload).get("volumes")) {
            Object name = Manifests.at(volume, kind, kind.equals("secret") ? "secretName" : "name");
            if (source.equals(name)) {
                for (Object mount : (List<Object>) container.get("volumeMounts")) {
                    if (Manifests.at(mount, "name").equals(Manifests.at(volume, "name"))) {
                        return String.valueOf(Manifests.at(mount, "mountPath"));
                    }
                }
            }
        }
        return null;
    }

    private static void file(String conf, String option, String mount, String what, List<String> problems) {
        String value = conf.lines().map(String::strip).filter(line -> line.startsWith(option + " "))
                .map(line -> line.substring(option.length() + 1).strip()).findFirst().orElse(null);
        if (value == null) {
            problems.add("mosquitto.conf: no " + option);
        } else if (mount == null || !value.startsWith(mount + "/")) {
            problems.add("mosquitto.conf: " + option + " " + value + " is not where the StatefulSet mounts " + what);
        }
    }

    /** What twin-service allows a device, as Mosquitto patterns: publish is write, subscribe is read. */
    static Set<String> devicePatterns() throws IOException {
        Path root = Manifests.root();
        String permissions = Files.readString(root.resolve(PERMISSIONS));
        String twinTopic = Files.readString(root.resolve(TWIN_TOPIC));
        Set<String> patterns = new TreeSet<>();
        Matcher direct = Pattern.compile("TopicRule\\.Action\\.(PUBLISH|SUBSCRIBE), base \\+ \"([^\"]+)\"").matcher(permissions);
        while (direct.find()) {
            patterns.add(pattern(direct.group(1), direct.group(2)));
        }
        Matcher loop = Pattern.compile("for \\(String \\w+ : TwinTopic\\.(\\w+)\\) \\{\\s*rules\\.add\\(new TopicRule\\(TopicRule\\.Action\\.(PUBLISH|SUBSCRIBE)")
                .matcher(permissions);
        while (loop.find()) {
            Matcher list = Pattern.compile(loop.group(1) + " = List\\.of\\(([^)]*)\\)").matcher(twinTopic);
            if (!list.find()) {
                throw new AssertionError("TwinTopic." + loop.group(1) + " is not a List.of(...) of topics");
            }
            Matcher topic = Pattern.compile("\"([^\"]+)\"").matcher(list.group(1));
            while (topic.find()) {
                patterns.add(pattern(loop.group(2), topic.group(1)));
            }
        }
        if (patterns.size() < 4) {
            throw new AssertionError("DevicePermissions no longer reads as this test expects; found only " + patterns);
        }
        return patterns;
    }

    private static String pattern(String action, String suffix) {
        return "pattern " + (action.equals("PUBLISH") ? "write" : "read") + " devices/%c" + suffix;
    }
}
