package io.vigil.simulator.agent;

/**
 * Ports travel as strings ({@code "22"}, {@code "1000-2000"}, {@code "*"}, {@code "22,53"}); a number is rejected
 * by the schema. This keeps the conversion in one place.
 */
final class Ports {

    private Ports() {
    }

    static String of(int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("not a port number: " + port);
        }
        return Integer.toString(port);
    }
}
