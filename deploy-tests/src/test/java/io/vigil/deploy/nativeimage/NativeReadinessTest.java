package io.vigil.deploy.nativeimage;

import io.vigil.deploy.nativeimage.NativeReadiness.Allowed;
import io.vigil.deploy.nativeimage.NativeReadiness.Module;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The services' compiled classes against the native pitfalls {@link NativeReadiness} knows. The reactor compiles
 * the services before this module, so target/classes is current.
 */
class NativeReadinessTest {

    static final List<String> SERVICES = List.of("ingest-service", "detection-service", "twin-service", "query-service");

    /** Call sites the check cannot judge by itself, each with why it is safe in a native executable. */
    static final List<Allowed> ALLOWED = List.of(
            new Allowed("io.vigil.query.summaries.SavedQueryCatalog.resource",
                    "reads the built-in saved queries by name, all of them under summaries/", "summaries/**"));

    @Test
    void theServicesHaveNoKnownNativePitfall() {
        Path root = root();
        List<Module> shared = List.of(
                new Module("platform", root.resolve("platform/target/classes"), List.of()),
                new Module("contracts", root.resolve("contracts/target/classes"), List.of()));
        List<Module> services = SERVICES.stream()
                .map(service -> new Module(service, root.resolve(service).resolve("target/classes"), includes(root, service)))
                .toList();
        assertThat(new NativeReadiness(shared, services, ALLOWED).problems()).isEmpty();
    }

    @Test
    void eachPitfallIsReported() {
        Path fixtures = Path.of("target/test-classes/io/vigil/deploy/nativeimage/fixtures");
        String pitfalls = "io.vigil.deploy.nativeimage.fixtures.Pitfalls";
        List<String> problems = new NativeReadiness(List.of(),
                List.of(new Module("fixtures-service", fixtures, List.of("fixtures/included.txt"))), List.of()).problems();
        assertThat(problems).containsExactlyInAnyOrder(
                "reflection: " + pitfalls + ".reflect calls java.lang.Class.forName",
                "reflection: " + pitfalls + ".reflect calls java.lang.Class.getDeclaredConstructor",
                "reflection: " + pitfalls + ".reflect calls java.lang.reflect.Constructor.newInstance",
                "jackson: io.vigil.deploy.nativeimage.fixtures.Unregistered is read or written by "
                        + "io/vigil/deploy/nativeimage/fixtures/Pitfalls$1 (TypeReference) but is not registered for reflection (@RegisterForReflection)",
                "jackson: io.vigil.deploy.nativeimage.fixtures.Unregistered$Inner is read or written by "
                        + "io.vigil.deploy.nativeimage.fixtures.Unregistered but is not registered for reflection (@RegisterForReflection)",
                "resource: " + pitfalls + ".missing reads fixtures/missing.txt, which fixtures-service's "
                        + "quarkus.native.resources.includes does not include",
                "resource: " + pitfalls + ".dynamic reads a resource whose name is not a constant; name the glob that covers it in the allowed list",
                "static initialiser: " + pitfalls + " calls java.util.concurrent.Executors.newSingleThreadExecutor while the class is initialised",
                "static initialiser: " + pitfalls + " calls java.lang.Thread.<init> while the class is initialised",
                "static initialiser: " + pitfalls + " calls java.lang.Thread.start while the class is initialised");
    }

    @Test
    void aWriteOfAnUnregisteredTypeIsReportedToo() {
        // Pitfalls.write serialises a new Unregistered; without the TypeReference it would be the only finding.
        Path fixtures = Path.of("target/test-classes/io/vigil/deploy/nativeimage/fixtures");
        List<String> problems = new NativeReadiness(List.of(),
                List.of(new Module("fixtures-service", fixtures, List.of("fixtures/**"))),
                List.of(new Allowed("io.vigil.deploy.nativeimage.fixtures.Pitfalls.reflect", "fixture", null),
                        new Allowed("io.vigil.deploy.nativeimage.fixtures.Pitfalls.dynamic", "fixture", "fixtures/**"))).problems();
        assertThat(problems).filteredOn(p -> p.startsWith("jackson: io.vigil.deploy.nativeimage.fixtures.Unregistered "))
                .singleElement().asString().contains("Pitfalls");
        assertThat(problems).noneMatch(p -> p.startsWith("reflection") || p.startsWith("resource"));
    }

    @Test
    void anAllowanceThatIsNoLongerNeededIsReported() {
        Path fixtures = Path.of("target/test-classes/io/vigil/deploy/nativeimage/fixtures");
        List<String> problems = new NativeReadiness(List.of(), List.of(new Module("fixtures-service", fixtures, List.of())),
                List.of(new Allowed("io.vigil.deploy.nativeimage.fixtures.Pitfalls.nothing", "gone", null))).problems();
        assertThat(problems).contains("allowed list: io.vigil.deploy.nativeimage.fixtures.Pitfalls.nothing no longer needs its allowance; remove it");
    }

    @Test
    void globsMatchAsQuarkusIncludesDo() {
        assertThat(NativeReadiness.matches("summaries/**", "summaries/investigation-alerts.kql")).isTrue();
        assertThat(NativeReadiness.matches("rules/**", "rules/agent-rules.json")).isTrue();
        assertThat(NativeReadiness.matches("rules/*.json", "rules/agent-rules.json")).isTrue();
        assertThat(NativeReadiness.matches("rules/**", "summaries/a.kql")).isFalse();
    }

    static List<String> includes(Path root, String service) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(root.resolve(service).resolve("src/main/resources/application.properties"))) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String value = properties.getProperty("quarkus.native.resources.includes", "");
        return Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    static Path root() {
        return Path.of(System.getProperty("vigil.repository.root", "..")).toAbsolutePath().normalize();
    }
}
