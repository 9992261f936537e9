package io.vigil.twin.query.fuzz;

import io.vigil.testing.fuzz.FuzzRun;
import io.vigil.testing.fuzz.Markers;
import io.vigil.testing.fuzz.QueryMutator;
import io.vigil.twin.query.BoundQuery;
import io.vigil.twin.query.support.TwinTestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;
import java.util.function.BiFunction;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 9 for the twin query language: random and mutated queries never make the compiler fail other than with a
 * positioned {@code TwinQueryException}, never put query text into the SQL, never write SQL the compiler does not
 * know, and read nothing but {@code twin.twin}'s hub, ids and document when run.
 * <p>
 * Fast by default (a fixed seed); {@code -Dvigil.fuzz.iterations=200000 -Dvigil.fuzz.seed=7} for a longer run. A
 * failure prints the seed, the iteration and the input.
 */
class TwinFuzzTest {

    private static TwinInvariants invariants;
    private static TwinPlanChecks database;

    @BeforeAll
    static void setUp() {
        invariants = new TwinInvariants();
        database = new TwinPlanChecks();
        TwinTestDatabase.shared().deleteHub(TwinInvariants.HUB);
        TwinTestDatabase.shared().insertTwin(TwinInvariants.HUB, "fuzz-1", "", "{\"deviceId\":\"fuzz-1\",\"tags\":"
                + "{\"a\":1,\"b\":\"x\",\"c\":[1,2],\"d\":{\"e\":null}},\"properties\":{\"reported\":{\"n\":2.5}}}");
        TwinTestDatabase.shared().insertTwin(TwinInvariants.HUB, "fuzz-1", "Microsoft.Security",
                "{\"deviceId\":\"fuzz-1\",\"moduleId\":\"Microsoft.Security\",\"tags\":{\"a\":\"1\"}}");
    }

    @Test
    void grammarGeneratedQueriesKeepTheInvariants() {
        Outcome outcome = fuzz(FuzzRun.of("twin-grammar", 20261205L, 5000),
                (random, markers) -> new TwinQueryGenerator(random, markers).query());
        assertThat(outcome.compiled).as("a fair share of generated queries compiles").isGreaterThan(outcome.iterations / 10);
    }

    @Test
    void mutatedCorpusQueriesKeepTheInvariants() {
        List<String> corpus = TwinCorpus.queries();
        QueryMutator mutator = new QueryMutator(TwinCorpus.vocabulary(), "(", ")");
        Outcome outcome = fuzz(FuzzRun.of("twin-mutation", 20261206L, 8000),
                (random, markers) -> mutator.mutate(corpus.get(random.nextInt(corpus.size())), random));
        assertThat(outcome.compiled).as("some mutants still compile").isGreaterThan(outcome.iterations / 40);
    }

    private static Outcome fuzz(FuzzRun run, BiFunction<Random, Markers, String> inputs) {
        Outcome outcome = new Outcome(run.iterations());
        // Pages run on the database up to a bound that grows with the run: compiling is cheap, round trips are not.
        int databaseChecks = Integer.getInteger("vigil.fuzz.database-checks", Math.max(300, run.iterations() / 10));
        long started = System.nanoTime();
        for (int i = 0; i < run.iterations(); i++) {
            Markers markers = new Markers();
            String query = inputs.apply(run.random(i), markers);
            try {
                List<BoundQuery> pages = invariants.check(query, markers.issued());
                if (!pages.isEmpty()) {
                    outcome.compiled++;
                    if (outcome.checkedInDatabase < databaseChecks) {
                        outcome.checkedInDatabase++;
                        pages.forEach(database::check);
                    }
                }
            } catch (AssertionError e) {
                run.fail(i, query, e.getMessage());
            } catch (RuntimeException | StackOverflowError e) {
                run.fail(i, query, e);
            }
        }
        System.out.printf("fuzz: %d inputs, %d compiled, %d run on the database, %s, %d ms%n", run.iterations(),
                outcome.compiled, outcome.checkedInDatabase, run.failed() ? "FAILURES" : "no failures",
                (System.nanoTime() - started) / 1_000_000);
        assertThat(run.failed()).as(run.report()).isFalse();
        return outcome;
    }

    private static final class Outcome {
        final int iterations;
        int compiled;
        int checkedInDatabase;

        Outcome(int iterations) {
            this.iterations = iterations;
        }
    }
}
