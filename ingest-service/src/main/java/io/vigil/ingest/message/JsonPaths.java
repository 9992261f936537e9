package io.vigil.ingest.message;

/**
 * Builds the JSONPath strings of {@link Rejection#path()}: {@code $.Events[2].Payload[0].RemotePort}. Property names that
 * are not plain identifiers (ExtraDetails keys such as {@code Number of Function Keys}) are written in bracket form,
 * {@code ['Number of Function Keys']}, so the path stays unambiguous whatever the sender put in a name.
 */
final class JsonPaths {

    static final String ROOT = "$";

    private JsonPaths() {
    }

    static String member(String parent, String name) {
        if (isPlainIdentifier(name)) {
            return parent + '.' + name;
        }
        StringBuilder path = new StringBuilder(parent.length() + name.length() + 4).append(parent).append("['");
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '\'' || c == '\\') {
                path.append('\\');
            }
            path.append(c);
        }
        return path.append("']").toString();
    }

    static String element(String parent, int index) {
        return parent + '[' + index + ']';
    }

    /** {@code $.Events[index]}. */
    static String event(int index) {
        return "$.Events[" + index + ']';
    }

    private static boolean isPlainIdentifier(String name) {
        if (name.isEmpty() || !isIdentifierStart(name.charAt(0))) {
            return false;
        }
        for (int i = 1; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!isIdentifierStart(c) && !(c >= '0' && c <= '9')) {
                return false;
            }
        }
        return true;
    }

    private static boolean isIdentifierStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    }
}
