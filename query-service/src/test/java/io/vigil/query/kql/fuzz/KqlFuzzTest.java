package io.vigil.query.kql.fuzz;

import io.vigil.query.kql.CompiledKql;
import io.vigil.testing.fuzz.FuzzRun;
import io.vigil.testing.fuzz.Markers;
import io.vigil.testing.fuzz.QueryMutator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.function.BiFunction;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 9 for KQL: random and mutated queries never make the compiler fail other than with a positioned
 * {@code KqlException}, never put a literal into the SQL text, never write SQL the compiler does not know, and never
 * read anything but the catalog's workspace tables when run under the reader role.
 * <p>
 * Fast by default (a fixed seed, a few thousand inputs); {@code -Dvigil.fuzz.iterations=200000 -Dvigil.fuzz.seed=7}
 * for a longer run. A failure prints the seed, the iteration and the input.
 */
class KqlFuzzTest {

    private static KqlInvariants invariants;
    private static ReaderRoleChecks database;

    @BeforeAll
    static void setUp() {
        invariants = new KqlInvariants();
        database = new ReaderRoleChecks();
    }

    @Test
    void grammarGeneratedQueriesKeepTheInvariants() {
        Outcome outcome = fuzz(FuzzRun.of("kql-grammar", 20261203L, 3000), (random, markers) ->
                new KqlQueryGenerator(random, markers).query());
        assertThat(outcome.compiled).as("a fair share of generated queries compiles").isGreaterThan(outcome.iterations / 10);
    }

    @Test
    void mutatedCorpusQueriesKeepTheInvariants() {
        List<String> corpus = KqlCorpus.queries();
        QueryMutator mutator = new QueryMutator(KqlCorpus.vocabulary(), "(", ")");
        Outcome outcome = fuzz(FuzzRun.of("kql-mutation", 20261204L, 5000), (random, markers) ->
                mutator.mutate(corpus.get(random.nextInt(corpus.size())), random));
        assertThat(outcome.compiled).as("some mutants still compile").isGreaterThan(outcome.iterations / 40);
    }

    private static Outcome fuzz(FuzzRun run, BiFunction<Random, Markers, String> inputs) {
        Outcome outcome = new Outcome(run.iterations());
        // The database checks are the slow part (tens of milliseconds each): every compiled statement up to a bound
        // that grows with the run.
        int databaseChecks = Integer.getInteger("vigil.fuzz.database-checks", Math.max(150, run.iterations() / 20));
        long started = System.nanoTime();
        for (int i = 0; i < run.iterations(); i++) {
            Markers markers = new Markers();
            String query = inputs.apply(run.random(i), markers);
            try {
                long compileStarted = System.nanoTime();
                Optional<CompiledKql> compiled = invariants.check(query, markers.issued());
                outcome.compileNanos += System.nanoTime() - compileStarted;
                if (compiled.isPresent()) {
                    outcome.compiled++;
                    if (outcome.checkedInDatabase < databaseChecks) {
                        outcome.checkedInDatabase++;
                        database.check(compiled.get());
                    }
                }
            } catch (AssertionError e) {
                run.fail(i, query, e.getMessage());
            } catch (RuntimeException | StackOverflowError e) {
                run.fail(i, query, e);
            }
        }
        System.out.printf("fuzz: %d inputs, %d compiled, %d run under %s, %s, %d ms (%d ms compiling)%n",
                run.iterations(), outcome.compiled, outcome.checkedInDatabase, ReaderRoleChecks.READER_ROLE,
                run.failed() ? "FAILURES" : "no failures", (System.nanoTime() - started) / 1_000_000,
                outcome.compileNanos / 1_000_000);
        assertThat(run.failed()).as(run.report()).isFalse();
        return outcome;
    }

    private static final class Outcome {
        final int iterations;
        int compiled;
        int checkedInDatabase;
        long compileNanos;

        Outcome(int iterations) {
            this.iterations = iterations;
        }
    }
}
