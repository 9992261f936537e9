package io.vigil.query.kql.fuzz;

import io.vertx.pgclient.PgException;
import io.vigil.query.kql.CompiledKql;
import io.vigil.query.kql.catalog.CatalogTable;
import io.vigil.query.kql.catalog.WorkspaceCatalog;
import io.vigil.query.kql.support.KqlTestDatabase;
import io.vigil.testing.fuzz.ExplainedPlan;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Runs compiled statements on the real database as the service does, under its reader role, and checks what they
 * read: EXPLAIN's relations must all be workspace tables of the catalog (or their partitions), and the statement
 * must run or fail only on the data (class 22, which the service answers with a 400 {@code kql.data}), never with
 * a permission, syntax or planning error (a 500).
 */
final class ReaderRoleChecks {

    static final String READER_ROLE = "vigil_query_reader";

    private final KqlTestDatabase database = KqlTestDatabase.shared();
    private final Set<String> allowed = allowedRelations(database);

    /** The catalog's SQL tables and every partition of them. */
    static Set<String> allowedRelations(KqlTestDatabase database) {
        Set<String> allowed = new TreeSet<>();
        for (CatalogTable table : WorkspaceCatalog.builtIn().tables()) {
            allowed.add(table.sqlTable());
            // partitions of a partitioned table (pg_partition_tree lists nothing for a plain one)
            database.executeAs("postgres", "SELECT n.nspname || '.' || c.relname FROM pg_partition_tree($1::text::regclass) AS p"
                    + " JOIN pg_class AS c ON c.oid = p.relid JOIN pg_namespace AS n ON n.oid = c.relnamespace",
                    List.of(table.sqlTable())).forEach(row -> allowed.add(row.getString(0)));
        }
        return allowed;
    }

    Set<String> allowed() {
        return allowed;
    }

    /** @throws AssertionError when the statement reads something else or fails other than on the data */
    void check(CompiledKql compiled) {
        ExplainedPlan plan;
        try {
            plan = ExplainedPlan.of(database.planAs(READER_ROLE, compiled).encode());
        } catch (PgException e) {
            failUnlessDataError("EXPLAIN", e, compiled);
            return;
        }
        Set<String> read = new TreeSet<>(plan.relations());
        read.removeAll(allowed);
        if (!read.isEmpty()) {
            throw new AssertionError("the statement reads " + read + ", not only " + allowed + "\nSQL: " + KqlInvariants.shortened(compiled.sql()));
        }
        try {
            database.executeAs(READER_ROLE, compiled.sql(), compiled.parameters());
        } catch (PgException e) {
            failUnlessDataError("running it", e, compiled);
        }
    }

    private static void failUnlessDataError(String step, PgException e, CompiledKql compiled) {
        String state = e.getSqlState();
        // 22: data exceptions (overflow, bad regular expression from data); 57014: the statement timeout.
        if (state != null && (state.startsWith("22") || state.equals("57014"))) {
            return;
        }
        throw new AssertionError(step + " failed under " + READER_ROLE + " with " + state + " " + e.getErrorMessage()
                + "\nSQL: " + KqlInvariants.shortened(compiled.sql()) + "\nparameters: " + compiled.parameters());
    }
}
