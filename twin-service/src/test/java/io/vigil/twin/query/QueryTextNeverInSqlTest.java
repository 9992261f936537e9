package io.vigil.twin.query;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No piece of query text reaches the SQL: every literal, name and alias is a bound parameter. Queries are full of
 * distinctive markers ("zqx..."); the SQL of the first and of a later page must not contain any, while the
 * parameters must.
 */
class QueryTextNeverInSqlTest {

    /** The only quoted literals the SQL may contain: fixed fragments written by the compiler itself. */
    private static final Set<String> FIXED_SQL_LITERALS = Set.of("'{}'", "''", "'string'", "'number'", "'boolean'",
            "'null'", "'object'", "'array'", "'key'", "'value'",
            // the punctuation of items built as JSON text
            "'{'", "'}'", "', '", "': '");
    private static final Pattern SQL_LITERAL = Pattern.compile("'(?:[^']|'')*'");

    static Stream<Object[]> queries() {
        String markers = "tags.zqxa.[[zqx-b c]] AS zqxalias, properties.reported.zqxReported";
        String condition = "tags.zqxname = 'zqxvalue' AND tags.zqxnum > 987654321 AND tags.zqxdec < 12345.678 "
                + "AND STARTSWITH(deviceId, 'zqxprefix') AND ENDSWITH(tags.zqxs, \"zqxsuffix\") "
                + "AND tags.zqxl IN ['zqxin1', 0x7A7A7A, true] AND tags.zqxn NIN ['zqxnin'] "
                + "AND configurations.[[zqx:cfg]].status = 'zqxapplied' AND deviceId = 'zqxdevice' "
                + "AND NOT (tags.zqxo != 'zqxne') AND tags.zqxp + 424242 > 0 AND IS_NULL(tags.zqxisnull) "
                + "AND tags.zqxm = null AND tags.zqxq <= tags.zqxr";
        List<String> conditionValues = List.of("zqxvalue", "zqxprefix", "zqxsuffix", "zqxin1", "zqxnin",
                "zqxapplied", "zqxdevice", "zqxname", "zqx:cfg", "zqxne", "8026746", "987654321", "12345.678",
                "424242");
        List<Object[]> queries = new ArrayList<>();
        for (PropertyNameMatching matching : PropertyNameMatching.values()) {
            queries.add(new Object[] {matching, "SELECT " + markers + " FROM devices WHERE " + condition,
                    concat(conditionValues, "zqxalias", "zqx-b c", "zqxReported")});
            queries.add(new Object[] {matching, "SELECT TOP 31337 * FROM devices.modules WHERE " + condition
                    + " AND moduleId = 'zqxmodule'", concat(conditionValues, "zqxmodule")});
            queries.add(new Object[] {matching, "SELECT tags.zqxgroup AS zqxGroupAlias, COUNT() AS zqxCount, "
                    + "SUM(tags.zqxsum) AS zqxSum, AVG(tags.zqxavg), MIN(tags.zqxmin) AS zqxMin, "
                    + "MAX(tags.zqxmax) AS zqxMax FROM devices WHERE " + condition + " GROUP BY tags.zqxgroup",
                    concat(conditionValues, "zqxGroupAlias", "zqxCount", "zqxSum", "zqxMin", "zqxMax", "zqxavg")});
            queries.add(new Object[] {matching, "SELECT * FROM devices WHERE tags.zqx = 'zqx\\'; DROP TABLE twin.twin; "
                    + "--' OR tags.[[zqx'); DELETE FROM twin.twin; --]] = \"zqx\\\" OR 1=1 --\"",
                    List.of("zqx'; DROP TABLE twin.twin; --", "zqx'); DELETE FROM twin.twin; --", "OR 1=1 --")});
        }
        return queries.stream();
    }

    private static List<String> concat(List<String> values, String... more) {
        List<String> all = new ArrayList<>(values);
        all.addAll(Arrays.asList(more));
        return all;
    }

    @ParameterizedTest
    @MethodSource("queries")
    void noQueryTextInTheSql(PropertyNameMatching matching, String query, List<String> boundText) {
        CompiledTwinQuery compiled = new TwinQueryCompiler(TwinQueryLimits.defaults(), matching).compile(query);
        boolean aggregate = compiled.itemType().equals(CompiledTwinQuery.RAW) && query.contains("GROUP BY");
        List<BoundQuery> pages = List.of(
                compiled.page("zqxhub", 10, Optional.empty()),
                compiled.page("zqxhub", 10, Optional.of(aggregate
                        ? new PageCursor(10, null, null)
                        : new PageCursor(10, "zqxlastdevice", "zqxlastmodule"))));
        for (BoundQuery page : pages) {
            String sql = page.sql();
            assertThat(sql.toLowerCase(Locale.ROOT)).as(sql)
                    .doesNotContain("zqx")
                    .doesNotContain("987654321")
                    .doesNotContain("12345.678")
                    .doesNotContain("7a7a7a")
                    .doesNotContain("8026746")
                    .doesNotContain("424242")
                    .doesNotContain("31337")
                    .doesNotContain("drop table")
                    .doesNotContain("delete from");
            Matcher literal = SQL_LITERAL.matcher(sql);
            while (literal.find()) {
                assertThat(FIXED_SQL_LITERALS).as("quoted literal in %s", sql).contains(literal.group());
            }
            assertThat(sql.replaceAll("\\$[0-9]+", "")).as("every $ is a placeholder").doesNotContain("$");
            assertThat(page.parameters()).allSatisfy(value -> assertThat(value)
                    .isInstanceOfAny(String.class, Long.class, Double.class, Boolean.class, String[].class));
            assertThat(highestPlaceholder(sql)).as("placeholders match the parameters")
                    .isEqualTo(page.parameters().size());

            // Numbers appear as Long/Double values, or as JSON text inside a String[] (IN lists, containment).
            String parameters = flatten(page.parameters());
            assertThat(parameters).as("parameters").contains("zqxhub");
            for (String text : boundText) {
                assertThat(parameters).as("parameter holding %s", text).contains(text);
            }
        }
    }

    private static int highestPlaceholder(String sql) {
        Matcher placeholder = Pattern.compile("\\$([0-9]+)").matcher(sql);
        int highest = 0;
        while (placeholder.find()) {
            highest = Math.max(highest, Integer.parseInt(placeholder.group(1)));
        }
        return highest;
    }

    private static String flatten(List<Object> parameters) {
        StringBuilder out = new StringBuilder();
        for (Object value : parameters) {
            out.append(value instanceof String[] ? Arrays.toString((String[]) value) : String.valueOf(value))
                    .append('\n');
        }
        return out.toString();
    }
}
