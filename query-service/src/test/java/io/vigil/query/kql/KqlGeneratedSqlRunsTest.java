package io.vigil.query.kql;

import io.vigil.query.kql.support.KqlCase;
import io.vigil.query.kql.support.KqlCaseFile;
import io.vigil.query.kql.support.KqlCaseRunner;
import io.vigil.query.kql.support.KqlTestDatabase;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whatever compiles must be valid PostgreSQL: mangled corpus queries that still compile are executed, and the
 * database must accept every statement.
 */
class KqlGeneratedSqlRunsTest {

    private static final String WORDS = " | where | project | extend x = | summarize count() by | sort by | take 3 | distinct | join (SecurityAlert) on "
            + "tostring( toint( strcat( iff( 1 \"a\" 2.5 1d datetime(2026-01-01) dynamic([1]) == != > and or contains has in ( ) , "
            + "| top 2 by | union (SecurityAlert) | project-away | extend y = toscalar(SecurityAlert | count) bin( todatetime( parse_json( "
            + "split( substring( arg_max( make_set( make_list( between (1 .. 2) | join kind=leftouter ( | join kind=fullouter ( "
            + "| join kind=rightanti ( | count | distinct * now() ago(1h) .a [0] * - / % =~ !has startswith !in~ ( has_any ( "
            + "tolong( todouble( totimespan( tobool( toguid( gettype( isempty( isnull( coalesce( case( strlen( extract_json(\"$.a\", "
            + "| summarize arg_min(TimeGenerated, *) by | summarize dcount( avg( sum( | order by | limit 2 | project-rename z = ";

    @Test
    void everyQueryThatCompilesRuns() {
        List<String> queries = new ArrayList<>();
        for (String file : List.of("01-seeds.kqltest", "03-operators.kqltest", "04-functions.kqltest", "05-naming.kqltest",
                "06-nulls.kqltest", "07-joins.kqltest")) {
            for (KqlCase kqlCase : KqlCaseFile.parse(file, KqlTestDatabase.resource("kql/cases/" + file))) {
                // a regular expression taken from data is only checked by PostgreSQL, at run time
                if (!kqlCase.expectsError() && !kqlCase.query().contains("regex") && !kqlCase.query().contains("extract(")) {
                    queries.add(kqlCase.query());
                }
            }
        }
        String[] words = WORDS.split("(?<= )");
        KqlCompiler compiler = KqlCaseRunner.compiler(0);
        Random random = new Random(Long.getLong("kql.sqlSeed", 42L));
        Set<String> problems = new LinkedHashSet<>();
        int executed = 0;
        for (int i = 0; i < Integer.getInteger("kql.sqlRuns", 3000) && problems.size() < 20; i++) {
            StringBuilder query = new StringBuilder(queries.get(random.nextInt(queries.size())));
            int at = random.nextInt(query.length() + 1);
            if (random.nextBoolean()) {
                query.insert(at, words[random.nextInt(words.length)]);
            } else if (query.length() > 0) {
                query.deleteCharAt(Math.min(at, query.length() - 1));
            }
            CompiledKql compiled;
            try {
                compiled = compiler.compile(query.toString(), Optional.empty());
            } catch (KqlException e) {
                continue;
            }
            executed++;
            try {
                KqlTestDatabase.shared().execute(compiled);
            } catch (AssertionError e) {
                problems.add(query + "\n  -> " + e.getMessage().lines().findFirst().orElse(""));
            }
        }
        assertThat(problems).as("queries that compiled to SQL PostgreSQL rejects").isEmpty();
        assertThat(executed).isGreaterThan(300);
    }
}
