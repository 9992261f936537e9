package io.vigil.ingest.message;

/**
 * The {@code port} format of connection-like fields (ConnectionCreate, Login, ListeningPorts): the forms the v1 schema
 * gives as examples, {@code "53248"}, {@code "53248-53250"}, {@code "*"} and {@code "22,53"}. Each port is a decimal
 * number 0-65535 (0 is what netstat shows for "no remote port yet"); a range runs from low to high.
 *
 * <p>The schema types a port as a string, so a JSON number is a {@code type} error before this format is checked (the
 * agent's invalid test samples require that). Firewall rule ports are not checked with this format, see
 * {@link FieldKind#PORT_EXPRESSION}.
 */
final class PortFormat {

    private static final int MAX_PORT = 65_535;
    private static final int NOT_A_PORT = -1;

    private PortFormat() {
    }

    static boolean isPortSpec(String value) {
        if (value.equals("*")) {
            return true;
        }
        int length = value.length();
        int position = 0;
        while (true) {
            int itemEnd = value.indexOf(',', position);
            if (itemEnd < 0) {
                itemEnd = length;
            }
            if (!isPortOrRange(value, position, itemEnd)) {
                return false;
            }
            if (itemEnd == length) {
                return true;
            }
            position = itemEnd + 1;
        }
    }

    private static boolean isPortOrRange(String value, int start, int end) {
        int hyphen = value.indexOf('-', start);
        if (hyphen < 0 || hyphen >= end) {
            return port(value, start, end) != NOT_A_PORT;
        }
        int low = port(value, start, hyphen);
        int high = port(value, hyphen + 1, end);
        return low != NOT_A_PORT && high != NOT_A_PORT && low <= high;
    }

    /** The port number in {@code value[start, end)}, or {@link #NOT_A_PORT}. */
    private static int port(String value, int start, int end) {
        int length = end - start;
        if (length < 1 || length > 5) {
            return NOT_A_PORT;
        }
        int port = 0;
        for (int i = start; i < end; i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                return NOT_A_PORT;
            }
            port = port * 10 + (c - '0');
        }
        return port <= MAX_PORT ? port : NOT_A_PORT;
    }
}
