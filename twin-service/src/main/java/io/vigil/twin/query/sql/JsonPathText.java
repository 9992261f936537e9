package io.vigil.twin.query.sql;

import io.vigil.twin.query.semantic.PropertyPath;

/**
 * Builds the SQL/JSON path that finds a property ignoring the case of user-chosen names.
 * <p>
 * Every step is {@code ? (@.type() == "object").keyvalue() ? (<key test>).value}: of the current object's members,
 * those whose key passes the test. A case-insensitive name is tested with {@code like_regex "^name$" flag "i"}
 * (the name escaped as a regular expression), an exact one with {@code ==}. The path runs in strict mode so that
 * arrays are never searched (property paths do not enter arrays), and the object filter before each step matters:
 * in strict mode a step into a number, or a missing member accessed with {@code ."name"}, raises an error that
 * ends the whole search, even if another matching key further on would lead to the property.
 */
final class JsonPathText {

    private JsonPathText() {
    }

    /** The path whose first match is the property's value. */
    static String valuePath(PropertyPath path) {
        return build(path, false);
    }

    /**
     * The path whose first match is {@code {"key": <document's spelling of the last name>, "value": ...}}; the last
     * name must be case-insensitive.
     */
    static String keyValuePath(PropertyPath path) {
        if (path.last().matchExactly()) {
            throw new IllegalArgumentException("the last name of " + path.display() + " matches exactly");
        }
        return build(path, true);
    }

    private static String build(PropertyPath path, boolean keyValueAtEnd) {
        StringBuilder out = new StringBuilder("strict $");
        int last = path.segments().size() - 1;
        for (int i = 0; i <= last; i++) {
            PropertyPath.Segment segment = path.segments().get(i);
            out.append(" ? (@.type() == \"object\").keyvalue() ? (@.key ");
            if (segment.matchExactly()) {
                out.append("== ").append(stringLiteral(segment.name()));
            } else {
                out.append("like_regex ").append(stringLiteral("^" + regexLiteral(segment.name()) + "$"))
                        .append(" flag \"i\"");
            }
            out.append(')');
            if (!(keyValueAtEnd && i == last)) {
                out.append(".value");
            }
        }
        return out.toString();
    }

    /** A regular expression matching exactly this text: ASCII punctuation escaped, everything else literal. */
    static String regexLiteral(String text) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean asciiLetterOrDigit = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
            if (c < 0x80 && !asciiLetterOrDigit) {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }

    /** A double-quoted SQL/JSON path string literal. */
    static String stringLiteral(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\');
            }
            out.append(c);
        }
        return out.append('"').toString();
    }
}
