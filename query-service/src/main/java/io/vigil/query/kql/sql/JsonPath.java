package io.vigil.query.kql.sql;

import io.vigil.query.kql.KqlErrorCodes;
import io.vigil.query.kql.syntax.Position;

import java.util.ArrayList;
import java.util.List;

/**
 * The JSONPath subset of extract_json: {@code $} root, {@code .name}, {@code ['name']} / {@code ["name"]},
 * {@code [n]} (0-based, negative from the end). No wildcards, recursion, unions, slices or filters.
 * The result is a PostgreSQL path array for {@code #>}.
 */
final class JsonPath {

    private JsonPath() {
    }

    static List<String> parse(String path, Position position) {
        String text = path.trim();
        if (!text.startsWith("$")) {
            throw invalid(path, position, "it must start with '$'");
        }
        List<String> steps = new ArrayList<>();
        int i = 1;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '.') {
                int start = ++i;
                while (i < text.length() && text.charAt(i) != '.' && text.charAt(i) != '[') {
                    i++;
                }
                String name = text.substring(start, i);
                if (name.isEmpty() || name.equals("*")) {
                    throw invalid(path, position, "empty or wildcard member name");
                }
                steps.add(name);
            } else if (c == '[') {
                int close;
                if (i + 1 < text.length() && (text.charAt(i + 1) == '\'' || text.charAt(i + 1) == '"')) {
                    char quote = text.charAt(i + 1);
                    int end = text.indexOf(quote, i + 2);
                    if (end < 0 || end + 1 >= text.length() || text.charAt(end + 1) != ']') {
                        throw invalid(path, position, "unterminated quoted member name");
                    }
                    steps.add(text.substring(i + 2, end));
                    close = end + 1;
                } else {
                    close = text.indexOf(']', i);
                    if (close < 0) {
                        throw invalid(path, position, "missing ']'");
                    }
                    String index = text.substring(i + 1, close).trim();
                    if (!index.matches("-?\\d{1,9}")) {
                        throw invalid(path, position, "an index must be an integer");
                    }
                    steps.add(String.valueOf(Integer.parseInt(index)));
                }
                i = close + 1;
            } else {
                throw invalid(path, position, "unexpected '" + c + "'");
            }
        }
        return steps;
    }

    private static io.vigil.query.kql.KqlException invalid(String path, Position position, String why) {
        return position.error(KqlErrorCodes.LITERAL, "invalid JSON path '" + path + "': " + why);
    }
}
