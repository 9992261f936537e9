package io.vigil.query.kql.support;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@code .kqltest} files:
 * <pre>
 * ### case name
 * query text, any number of lines, verbatim
 * --- columns
 * Name:type, Name:type
 * --- rows unordered            (or: ordered; or: count 3)
 * ["a", 1]
 * --- error kql.syntax 1:7
 * --- window 2026-02-27T00:00:00Z 2026-02-28T00:00:00Z
 * --- maxrows 2
 * </pre>
 * In the sections after the query, blank lines and lines starting with {@code //} are ignored.
 */
public final class KqlCaseFile {

    private static final Pattern ERROR = Pattern.compile("--- error (\\S+) (\\d+):(\\d+)");

    private KqlCaseFile() {
    }

    public static List<KqlCase> parse(String fileName, String content) {
        List<KqlCase> cases = new ArrayList<>();
        String[] lines = content.split("\n", -1);
        int i = 0;
        while (i < lines.length) {
            if (!lines[i].startsWith("### ")) {
                i++;
                continue;
            }
            String name = lines[i].substring(4).trim();
            int caseLine = i + 1;
            i++;
            StringBuilder query = new StringBuilder();
            while (i < lines.length && !lines[i].startsWith("---") && !lines[i].startsWith("### ")) {
                query.append(lines[i]).append('\n');
                i++;
            }
            String queryText = query.toString().replaceAll("\\s+$", "");
            List<String> columns = null;
            String rowsMode = null;
            int rowCount = 0;
            List<String> rows = new ArrayList<>();
            String errorCode = null;
            int errorLine = 0;
            int errorColumn = 0;
            Instant from = null;
            Instant to = null;
            int maxRows = 0;
            String section = null;
            while (i < lines.length && !lines[i].startsWith("### ")) {
                String line = lines[i].trim();
                i++;
                if (line.isEmpty() || line.startsWith("//")) {
                    continue;
                }
                if (line.startsWith("---")) {
                    Matcher error = ERROR.matcher(line);
                    if (error.matches()) {
                        errorCode = error.group(1);
                        errorLine = Integer.parseInt(error.group(2));
                        errorColumn = Integer.parseInt(error.group(3));
                        section = null;
                    } else if (line.equals("--- columns")) {
                        section = "columns";
                        columns = new ArrayList<>();
                    } else if (line.startsWith("--- rows")) {
                        section = "rows";
                        String[] words = line.split("\\s+");
                        rowsMode = words.length > 2 ? words[2] : "unordered";
                        if (rowsMode.equals("count")) {
                            rowCount = Integer.parseInt(words[3]);
                        }
                    } else if (line.startsWith("--- window ")) {
                        String[] words = line.split("\\s+");
                        from = words[2].equals("-") ? null : Instant.parse(words[2]);
                        to = words[3].equals("-") ? null : Instant.parse(words[3]);
                        section = null;
                    } else if (line.startsWith("--- maxrows ")) {
                        maxRows = Integer.parseInt(line.substring("--- maxrows ".length()).trim());
                        section = null;
                    } else {
                        throw new IllegalArgumentException(fileName + ":" + i + ": unknown section " + line);
                    }
                    continue;
                }
                if ("columns".equals(section)) {
                    Arrays.stream(line.split(",")).map(String::trim).filter(s -> !s.isEmpty()).forEach(columns::add);
                } else if ("rows".equals(section)) {
                    rows.add(line);
                } else {
                    throw new IllegalArgumentException(fileName + ":" + i + ": text outside a section: " + line);
                }
            }
            cases.add(new KqlCase(name, fileName, caseLine, queryText, columns, rowsMode, rowCount, rows, errorCode,
                    errorLine, errorColumn, from, to, maxRows));
        }
        return cases;
    }
}
