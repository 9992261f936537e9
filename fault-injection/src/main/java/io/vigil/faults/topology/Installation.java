package io.vigil.faults.topology;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The repository folder whose packaged services and stack jar the harness runs. */
public record Installation(Path home) {

    private static final Path STACK_JAR = Path.of("stack", "target", "vigil-stack.jar");

    /** The first folder holding a built stack, from the working directory up, then from this jar's folder up. */
    public static Installation find() {
        Path fromWorkingDirectory = search(Path.of("").toAbsolutePath());
        if (fromWorkingDirectory != null) {
            return new Installation(fromWorkingDirectory);
        }
        try {
            Path jar = Path.of(Installation.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path fromJar = search(jar.toAbsolutePath());
            if (fromJar != null) {
                return new Installation(fromJar);
            }
        } catch (URISyntaxException | NullPointerException e) {
            // fall through to the message below
        }
        throw new IllegalStateException(STACK_JAR + " not found above " + Path.of("").toAbsolutePath()
                + "; build the suite first (./mvnw -DskipTests package)");
    }

    private static Path search(Path start) {
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve(STACK_JAR))) {
                return dir;
            }
        }
        return null;
    }

    public Path stackJar() {
        return home.resolve(STACK_JAR);
    }
}
