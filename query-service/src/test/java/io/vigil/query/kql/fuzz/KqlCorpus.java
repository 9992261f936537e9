package io.vigil.query.kql.fuzz;

import io.vigil.query.kql.support.KqlCase;
import io.vigil.query.kql.support.KqlCaseFile;
import io.vigil.query.kql.support.KqlTestDatabase;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The queries the project must answer, as seeds for mutation: every case of {@code kql/cases/*.kqltest} (the
 * reference's seed queries and documentation examples among them), the invalid-query corpus and the saved queries
 * shipped in {@code src/main/resources/summaries}.
 */
final class KqlCorpus {

    private static final List<String> CASE_FILES = List.of("01-seeds.kqltest", "02-doc-examples.kqltest",
            "03-operators.kqltest", "04-functions.kqltest", "05-naming.kqltest", "06-nulls.kqltest", "07-joins.kqltest",
            "08-window-and-limits.kqltest");

    private KqlCorpus() {
    }

    static List<String> queries() {
        List<String> queries = new ArrayList<>();
        for (String file : CASE_FILES) {
            for (KqlCase kqlCase : KqlCaseFile.parse(file, KqlTestDatabase.resource("kql/cases/" + file))) {
                queries.add(kqlCase.query());
            }
        }
        for (KqlCase kqlCase : KqlCaseFile.parse("invalid-queries.kqltest", KqlTestDatabase.resource("kql/invalid-queries.kqltest"))) {
            queries.add(kqlCase.query());
        }
        try (Stream<Path> files = Files.list(Path.of("src", "main", "resources", "summaries"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".kql")).sorted().toList()) {
                queries.add(Files.readString(file));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the saved queries", e);
        }
        return queries;
    }

    /** Words and symbols of KQL that mutations insert between tokens. */
    static List<String> vocabulary() {
        return List.of("|", "where", "project", "extend", "summarize", "by", "take", "top", "sort", "order", "distinct",
                "count", "join", "union", "let", ";", "=", "==", "!=", "=~", "has", "!has", "contains", "in", "!in",
                "between", "..", "and", "or", "not(", "(", ")", "[", "]", "{", "}", ",", ".", "$left", "$right", "kind=",
                "on", "datatable(", "print", "range", "from", "to", "step", "toscalar(", "dynamic(", "datetime(",
                "timespan(", "typeof(", "view", "SecurityAlert", "SecurityIoTRawEvent", "SecurityRecommendation",
                "TimeGenerated", "DeviceId", "EventDetails", "AlertSeverity", "Security*", "*", "-", "+", "/", "%",
                "1d", "0x", "@\"", "\"", "'", "```", "//", "\n", "\\", "h'", "nulls", "first", "asc", "desc",
                "withsource=", "materialize(", "mv-expand", "arg_max(", "count()", "dcount(", "bin(", "ago(", "now()",
                "parse_json(", "extract_json(", "tostring(", "strcat(", "iff(", "case(", "coalesce(", "tolong(",
                "\u201c", "\u2018", "~~~", "project-away", "project-rename", "hint.strategy=", "isfuzzy=true");
    }
}
