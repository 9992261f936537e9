package io.vigil.query.kql.sql;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vigil.query.kql.CompiledKql;
import io.vigil.query.kql.support.KqlCaseRunner;
import io.vigil.query.kql.support.KqlTestDatabase;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A project or extend stage that reads EventDetails several times parses it once per row, and answers exactly as
 * the same reads made one stage at a time (each parsing on its own).
 */
class ParseOnceTest {

    private static final String READER_ROLE = "vigil_query_reader";
    private static final Pattern PARSED_ONCE = Pattern.compile("::jsonb AS j1 OFFSET 0\\) AS t\\d+");

    private static CompiledKql compile(String query) {
        return KqlCaseRunner.compiler(0).compile(query, Optional.empty());
    }

    private static int occurrences(String text, String part) {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
            count++;
        }
        return count;
    }

    @Test
    void aStageReadingTheTextTwiceParsesItOnce() {
        String sql = compile("""
                SecurityIoTRawEvent | where RawEventName == "ListeningPorts"
                | project Port = extractjson("$.LocalPort", EventDetails, typeof(int)),
                          Protocol = extractjson("$.Protocol", EventDetails, typeof(string)),
                          User = tostring(parse_json(EventDetails).UserName)""").sql();
        Matcher matcher = PARSED_ONCE.matcher(sql);
        assertThat(matcher.find()).as(sql).isTrue();
        assertThat(matcher.find()).isFalse();
        assertThat(sql).doesNotContain("::json #>").doesNotContain("c13)::jsonb, 'null'");
        assertThat(occurrences(sql, ".j1")).isEqualTo(3);
    }

    @Test
    void oneReadOrAComputedTextIsLeftAsItWas() {
        for (String query : List.of(
                "SecurityIoTRawEvent | project Port = extractjson(\"$.LocalPort\", EventDetails, typeof(int))",
                "SecurityIoTRawEvent | extend Port = extractjson(\"$.LocalPort\", EventDetails), E = EventDetails",
                // not the table's JSON text: a string the query computed, which may not be JSON at all
                "SecurityIoTRawEvent | extend E = strcat(EventDetails, '') | project a = extractjson(\"$.a\", E),"
                        + " b = extractjson(\"$.b\", E)",
                // two reads, but in different stages: each stage parses its own
                "SecurityIoTRawEvent | extend a = extractjson(\"$.a\", EventDetails) | extend b = extractjson(\"$.b\", EventDetails)")) {
            assertThat(compile(query).sql()).as(query).doesNotContain("OFFSET 0");
        }
    }

    @Test
    void theSharedParseAnswersAsSeparateParsesOnEveryFixtureRow() {
        KqlTestDatabase database = KqlTestDatabase.shared();
        String query = """
                SecurityIoTRawEvent
                | extend Port = extractjson("$.LocalPort", EventDetails, typeof(long)),
                         At = extractjson("$.TimestampLocal", EventDetails, typeof(datetime)),
                         User = extractjson("$.UserName", EventDetails),
                         Whole = parse_json(EventDetails), Member = todynamic(EventDetails)["Executable"]
                | extend Port1 = extractjson("$.LocalPort", EventDetails, typeof(long))
                | extend At1 = extractjson("$.TimestampLocal", EventDetails, typeof(datetime))
                | extend User1 = extractjson("$.UserName", EventDetails)
                | extend Whole1 = parse_json(EventDetails)
                | extend Member1 = todynamic(EventDetails)["Executable"]
                | summarize Rows = count(), Differ = countif(tostring(Port) != tostring(Port1) or tostring(At) != tostring(At1)
                      or User != User1 or tostring(Whole) != tostring(Whole1) or tostring(Member) != tostring(Member1)),
                      Ports = countif(isnotnull(Port)), Users = countif(isnotempty(User)), Executables = countif(isnotnull(Member))""";
        CompiledKql compiled = compile(query);
        assertThat(compiled.sql()).contains("OFFSET 0");
        List<Object> row = database.execute(compiled).rows().get(0);
        assertThat((Long) row.get(0)).isPositive();
        assertThat(row.get(1)).isEqualTo(0L);
        // the comparison covers rows where each read finds something
        assertThat((Long) row.get(2)).isPositive();
        assertThat((Long) row.get(3)).isPositive();
        assertThat((Long) row.get(4)).isPositive();
    }

    @Test
    void aLaterWhereStillReachesTheTableScan() {
        CompiledKql compiled = compile("""
                SecurityIoTRawEvent
                | extend Port = extractjson("$.LocalPort", EventDetails), Protocol = extractjson("$.Protocol", EventDetails)
                | where DeviceId == "dev-linux-01" and Port == "22"
                """);
        assertThat(compiled.sql()).contains("OFFSET 0");
        List<JsonObject> scans = new ArrayList<>();
        collectScans(KqlTestDatabase.shared().planAs(READER_ROLE, compiled).getJsonObject(0).getJsonObject("Plan"), scans);
        assertThat(scans).isNotEmpty();
        for (JsonObject scan : scans) {
            String conditions = scan.getString("Index Cond", "") + scan.getString("Recheck Cond", "") + scan.getString("Filter", "");
            assertThat(conditions).as(scan.encode()).contains("device_id");
        }
    }

    private static void collectScans(JsonObject node, List<JsonObject> scans) {
        String relation = node.getString("Relation Name", "");
        if (relation.startsWith("security_iot_raw_event")) {
            scans.add(node);
        }
        JsonArray children = node.getJsonArray("Plans");
        if (children != null) {
            for (int i = 0; i < children.size(); i++) {
                collectScans(children.getJsonObject(i), scans);
            }
        }
    }
}
