package io.vigil.query.kql.support;

import java.time.Instant;
import java.util.List;

/**
 * One case of a {@code .kqltest} file: a query and what it must give.
 *
 * @param name         the case name (after {@code ###})
 * @param file         the file it comes from
 * @param line         the line of its {@code ###}
 * @param query        the query text, verbatim
 * @param columns      expected columns as {@code Name:type}, or null when not checked
 * @param rowsMode     {@code ordered}, {@code unordered} or {@code count}; null when rows are not checked
 * @param rowCount     for {@code count}: how many rows
 * @param rows         expected rows, each a JSON array text
 * @param errorCode    expected error code, or null when the query must succeed
 * @param errorLine    expected error line
 * @param errorColumn  expected error column
 * @param windowFrom   API time window start, or null
 * @param windowTo     API time window end, or null
 * @param maxRows      row limit for this case, or 0 for the default
 */
public record KqlCase(String name, String file, int line, String query, List<String> columns, String rowsMode,
                      int rowCount, List<String> rows, String errorCode, int errorLine, int errorColumn,
                      Instant windowFrom, Instant windowTo, int maxRows) {

    public boolean expectsError() {
        return errorCode != null;
    }

    @Override
    public String toString() {
        return file + ":" + line + " " + name;
    }
}
