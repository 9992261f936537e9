package io.vigil.deploy;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What a service reads from its configuration, taken from its sources: the shared defaults of the platform module
 * (META-INF/microprofile-config.properties), the service's application.properties on top of them, and the
 * {@code @ConfigMapping} interfaces of both modules.
 */
final class ServiceConfig {

    private static final Pattern MAPPING = Pattern.compile("@ConfigMapping\\(\\s*prefix\\s*=\\s*\"([^\"]+)\"");
    private static final Pattern METHOD = Pattern.compile("^\\s*[\\w.<>,?\\[\\] ]+\\s+(\\w+)\\(\\)\\s*;", Pattern.MULTILINE);
    private static final Pattern REFERENCE = Pattern.compile("\\$\\{([^:}]+)");

    /** Property values without a profile, the service's own over the platform's. */
    final Map<String, String> values = new LinkedHashMap<>();
    /** Every property name the service reads: set in a file (in any profile), referenced, or mapped. */
    final Set<String> names = new HashSet<>();
    /** Property names that a @ConfigMapping interface declares. */
    final Set<String> mapped = new HashSet<>();

    private ServiceConfig() {
    }

    static ServiceConfig of(String service) {
        Path root = Manifests.root();
        ServiceConfig config = new ServiceConfig();
        config.load(root.resolve("platform/src/main/resources/META-INF/microprofile-config.properties"));
        config.load(root.resolve(service).resolve("src/main/resources/application.properties"));
        config.mappings(root.resolve("platform/src/main/java"));
        config.mappings(root.resolve(service).resolve("src/main/java"));
        return config;
    }

    private void load(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (String key : properties.stringPropertyNames()) {
            String value = properties.getProperty(key);
            if (key.startsWith("%")) {
                names.add(key.substring(key.indexOf('.') + 1));
            } else {
                names.add(key);
                values.put(key, value);
            }
            Matcher reference = REFERENCE.matcher(value);
            while (reference.find()) {
                names.add(reference.group(1));
            }
        }
    }

    /**
     * The names a mapping interface gives: prefix.member and prefix.group.member for the members declared in the
     * file, in kebab case. Nested groups are not told apart from their siblings, which errs on the side of
     * accepting; a member that is renamed or removed still stops matching.
     */
    private void mappings(Path sources) {
        if (!Files.isDirectory(sources)) {
            return;
        }
        try (Stream<Path> files = Files.walk(sources)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String text = Files.readString(file);
                Matcher mapping = MAPPING.matcher(text);
                if (!mapping.find()) {
                    continue;
                }
                String prefix = mapping.group(1);
                List<String> members = new ArrayList<>();
                Matcher method = METHOD.matcher(text);
                while (method.find()) {
                    members.add(kebab(method.group(1)));
                }
                for (String member : members) {
                    mapped.add(prefix + "." + member);
                    for (String inner : members) {
                        mapped.add(prefix + "." + member + "." + inner);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        names.addAll(mapped);
    }

    /** True when the environment variable sets a property this service reads (MicroProfile Config's env rules). */
    boolean readsEnvironment(String variable) {
        return names.stream().anyMatch(name -> environmentName(name).equals(variable));
    }

    /** vigil.db.host becomes VIGIL_DB_HOST: every character other than a letter or digit becomes '_'. */
    static String environmentName(String property) {
        return property.replaceAll("[^A-Za-z0-9]", "_").toUpperCase();
    }

    String value(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    private static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase();
    }
}
