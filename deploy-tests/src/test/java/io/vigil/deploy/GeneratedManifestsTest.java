package io.vigil.deploy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The checked-in kubernetes.yml of every service is what its build generated. The reactor builds the services
 * before this module (the test-scoped dependencies in the pom are there for that order), so the files under
 * target/kubernetes come from the same sources.
 */
class GeneratedManifestsTest {

    @Test
    void everyCheckedInCopyIsWhatTheBuildGenerated() {
        Path root = Manifests.root();
        List<String> problems = Manifests.SERVICES.stream()
                .map(service -> GeneratedManifests.difference(root, service))
                .flatMap(Optional::stream)
                .toList();
        assertThat(problems).isEmpty();
    }

    @Test
    void theGenerationIsStable() throws IOException {
        // No build timestamp, commit id or repository address: those would make every build differ.
        for (String service : Manifests.SERVICES) {
            String text = Files.readString(GeneratedManifests.checkedIn(Manifests.root(), service));
            assertThat(text).as(service).doesNotContain("build-timestamp", "commit-id", "vcs-uri", "app.kubernetes.io/version");
        }
    }

    @Test
    void aHandEditedCopyIsReported() {
        String generated = "---\napiVersion: v1\nkind: Service\nmetadata:\n  name: a\n";
        assertThat(GeneratedManifests.difference("a", generated, "# header\n# more\n" + generated)).isEmpty();
        assertThat(GeneratedManifests.difference("a", generated, "# header\n" + generated.replace("name: a", "name: b")))
                .get().asString().contains("line 5", "generated '  name: a'", "checked in '  name: b'", "k8s/generate");
        assertThat(GeneratedManifests.difference("a", generated, "# header\n" + generated + "  labels: {}\n"))
                .get().asString().contains("line 6", "<end of file>");
        assertThat(GeneratedManifests.difference("a", generated + "spec: {}\n", "# header\n" + generated))
                .get().asString().contains("generated 'spec: {}'");
    }

    @Test
    void aServiceThatWasNotBuiltIsReported(@TempDir Path root) throws IOException {
        Files.createDirectories(root.resolve("k8s/base/a"));
        Files.writeString(root.resolve("k8s/base/a/kubernetes.yml"), "---\n");
        assertThat(GeneratedManifests.difference(root, "a")).get().asString().contains("does not exist");
    }
}
