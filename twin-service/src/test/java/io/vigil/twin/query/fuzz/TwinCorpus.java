package io.vigil.twin.query.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.twin.query.support.CaseTable;
import io.vigil.twin.query.support.QueryCase;

import java.util.ArrayList;
import java.util.List;

/**
 * The twin queries the project must answer, as seeds for mutation: every case of {@code twin-query/cases.json}
 * (the documentation's and Defender's queries among them) and every query of {@code twin-query/invalid-queries.json}.
 */
final class TwinCorpus {

    private TwinCorpus() {
    }

    static List<String> queries() {
        List<String> queries = new ArrayList<>();
        for (QueryCase queryCase : CaseTable.cases()) {
            queries.add(queryCase.query());
        }
        for (JsonNode row : CaseTable.resource("invalid-queries.json")) {
            if (row.has("query")) {
                queries.add(CaseTable.text(row.get("query")));
            }
        }
        return queries;
    }

    /** Words and symbols of the twin query language that mutations insert between tokens. */
    static List<String> vocabulary() {
        return List.of("SELECT", "TOP", "*", "FROM", "devices", "devices.modules", "devices.jobs", "WHERE", "GROUP", "BY",
                "ORDER", "AS", "AND", "OR", "NOT", "IN", "NIN", "(", ")", "[", "]", ",", ".", "=", "!=", "<>", "<", "<=",
                ">", ">=", "+", "-", "/", "%", "tags", "properties", "reported", "desired", "$metadata", "$version",
                "deviceId", "moduleId", "[[", "]]", "'", "\"", "\\", "true", "false", "null", "undefined", "COUNT()",
                "SUM(", "AVG(", "MIN(", "MAX(", "IS_DEFINED(", "IS_NULL(", "STARTSWITH(", "ENDSWITH(", "/*", "*/", "\n",
                "\r", "0x", "1e999", "$", "$$", ";", "--");
    }
}
