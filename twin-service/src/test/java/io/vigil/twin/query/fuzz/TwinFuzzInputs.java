package io.vigil.twin.query.fuzz;

import io.vigil.testing.fuzz.Markers;
import io.vigil.testing.fuzz.QueryMutator;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Fuzzed twin queries for tests outside this package (the HTTP black-box test): generated and mutated, alternately. */
public final class TwinFuzzInputs {

    private TwinFuzzInputs() {
    }

    public static List<String> sample(long seed, int count) {
        List<String> corpus = TwinCorpus.queries();
        QueryMutator mutator = new QueryMutator(TwinCorpus.vocabulary(), "(", ")");
        List<String> queries = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Random random = new Random(seed * 1_000_003L + i);
            queries.add(i % 2 == 0 ? new TwinQueryGenerator(random, new Markers()).query()
                    : mutator.mutate(corpus.get(random.nextInt(corpus.size())), random));
        }
        return queries;
    }
}
