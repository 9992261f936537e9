package io.vigil.twin.query.fuzz;

import io.vertx.pgclient.PgException;
import io.vigil.testing.fuzz.ExplainedPlan;
import io.vigil.twin.query.BoundQuery;
import io.vigil.twin.query.support.TwinTestDatabase;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Runs a compiled page on the real database and checks what it reads: EXPLAIN's relations must be {@code twin.twin}
 * only, neither the SQL nor its result may name the credential columns beside the document (keys, generation
 * id), and the statement
 * must run: the query API maps no database error to a 4xx, so any failure here would be a 500.
 */
final class TwinPlanChecks {

    static final Set<String> ALLOWED_RELATIONS = Set.of("twin.twin");
    static final List<String> CREDENTIAL_COLUMNS = List.of("primary_key", "secondary_key", "generation_id");

    private final TwinTestDatabase database = TwinTestDatabase.shared();

    void check(BoundQuery page) {
        ExplainedPlan plan;
        try {
            plan = ExplainedPlan.of(database.explainVerbose(page));
            database.execute(page);
        } catch (IllegalStateException e) {
            String state = e.getCause() instanceof PgException pg ? pg.getSqlState() + " " + pg.getErrorMessage() : String.valueOf(e.getCause());
            throw new AssertionError("the database refused the statement: " + state + "\nSQL: " + page.sql()
                    + "\nparameters: " + page.parameters());
        }
        Set<String> read = new TreeSet<>(plan.relations());
        read.removeAll(ALLOWED_RELATIONS);
        if (!read.isEmpty()) {
            throw new AssertionError("the statement reads " + read + ", not only " + ALLOWED_RELATIONS + "\nSQL: " + page.sql());
        }
        // The SQL never names a credential column, and the result never carries one. (Scans may still list every
        // column of twin.twin in the plan: PostgreSQL's physical target list, which nothing above reads.)
        for (String column : CREDENTIAL_COLUMNS) {
            if (Pattern.compile("\\b" + column + "\\b").matcher(page.sql()).find()) {
                throw new AssertionError("the SQL names " + column + ": " + page.sql());
            }
            for (String output : plan.resultOutputs()) {
                if (output.contains(column)) {
                    throw new AssertionError("the result carries " + column + ": " + output + "\nSQL: " + page.sql());
                }
            }
        }
    }
}
