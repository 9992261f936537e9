package io.vigil.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The manifests quarkus-kubernetes generates for a service, as the build left them in
 * {@code <service>/target/kubernetes/kubernetes.yml}, against the copy k8s/generate checked in as
 * {@code k8s/base/<service>/kubernetes.yml}: the copy is the generated file behind a comment header, nothing else.
 */
final class GeneratedManifests {

    private GeneratedManifests() {
    }

    static Path generated(Path root, String service) {
        return root.resolve(service).resolve("target/kubernetes/kubernetes.yml");
    }

    static Path checkedIn(Path root, String service) {
        return root.resolve("k8s/base").resolve(service).resolve("kubernetes.yml");
    }

    /** Why the checked-in copy is not what the build generated; empty when it is. */
    static Optional<String> difference(String service, String generated, String checkedIn) {
        List<String> expected = generated.replace("\r\n", "\n").lines().toList();
        List<String> actual = new ArrayList<>(checkedIn.replace("\r\n", "\n").lines().toList());
        while (!actual.isEmpty() && actual.get(0).startsWith("#")) {
            actual.remove(0);
        }
        for (int line = 0; line < Math.max(expected.size(), actual.size()); line++) {
            String want = line < expected.size() ? expected.get(line) : "<end of file>";
            String have = line < actual.size() ? actual.get(line) : "<end of file>";
            if (!want.equals(have)) {
                return Optional.of(service + ": k8s/base/" + service + "/kubernetes.yml differs from what the build generates"
                        + " at line " + (line + 1) + " after the header: generated '" + want + "', checked in '" + have
                        + "'. Run k8s/generate and commit the result; never edit the copy by hand.");
            }
        }
        return Optional.empty();
    }

    static Optional<String> difference(Path root, String service) {
        Path generated = generated(root, service);
        if (!Files.isRegularFile(generated)) {
            return Optional.of(service + ": " + generated + " does not exist; build the service first"
                    + " (./mvnw verify builds it before deploy-tests, or run k8s/generate)");
        }
        try {
            return difference(service, Files.readString(generated), Files.readString(checkedIn(root, service)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
