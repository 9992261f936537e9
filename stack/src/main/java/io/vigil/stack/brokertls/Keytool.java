package io.vigil.stack.brokertls;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Runs the JDK's keytool, the one tool every JDK has for making keys and certificates. A store password is passed
 * as {@code -storepass:env VIGIL_STORE_PASSWORD} (and the like): on the environment, never on the command line,
 * so that it does not show in a process listing.
 */
public final class Keytool {

    public static final String PASSWORD_VARIABLE = "VIGIL_STORE_PASSWORD";

    private Keytool() {
    }

    /** Runs keytool with {@code arguments}; {@code password} is what {@link #PASSWORD_VARIABLE} holds. */
    public static void run(String password, String... arguments) throws IOException {
        Path keytool = Path.of(System.getProperty("java.home"), "bin",
                System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows") ? "keytool.exe" : "keytool");
        if (!Files.isExecutable(keytool)) {
            throw new IOException("the JDK's keytool is needed and was not found at " + keytool);
        }
        List<String> command = new ArrayList<>();
        command.add(keytool.toString());
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put(PASSWORD_VARIABLE, password);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IOException("keytool " + arguments[0] + " failed: " + output.trim());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while keytool ran", e);
        }
    }
}
