package io.vigil.twin.query.sql;

import io.vigil.twin.query.semantic.PropertyPath;

import java.util.Optional;

/**
 * A property path as the {@code twin.key_paths} column spells it (see the twin migration that adds it): names with
 * ASCII letters lower-cased, joined by the unit separator, which no name the twin API accepts can hold.
 */
final class KeyPaths {

    static final char SEPARATOR = '\u001f';

    private KeyPaths() {
    }

    /** The folded path, or empty when the column does not list it (a name outside ASCII, or one starting with '$'). */
    static Optional<String> folded(PropertyPath path) {
        StringBuilder folded = new StringBuilder();
        for (PropertyPath.Segment segment : path.segments()) {
            String name = segment.name();
            if (name.startsWith("$")) {
                return Optional.empty();
            }
            if (folded.length() > 0) {
                folded.append(SEPARATOR);
            }
            for (int i = 0; i < name.length(); i++) {
                char c = name.charAt(i);
                if (c >= 0x80 || c == SEPARATOR) {
                    return Optional.empty();
                }
                folded.append(c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c);
            }
        }
        return Optional.of(folded.toString());
    }

    /**
     * SQL that is true when the key path column lists the folded path. {@code = ANY} rather than {@code @> ARRAY[...]}:
     * both walk the array, but containment costs about twice as much per twin (measured over the 100,000 module twins
     * of the twin benchmark: 1.4 against 0.7 microseconds a row), and the test runs on every twin a page scans.
     */
    static String listed(String keyPathsColumn, String foldedPlaceholder) {
        return "(" + foldedPlaceholder + " = ANY(" + keyPathsColumn + "))";
    }
}
