package io.vigil.detection.feed;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.sqlclient.Pool;
import io.vigil.testing.TestDatabase;
import io.vigil.testing.TestHub;
import io.vigil.testing.VigilTestResource;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The handled-event ids in PostgreSQL: their digest, recognising repeats, and forgetting old ones. */
@QuarkusTest
@QuarkusTestResource(VigilTestResource.class)
class HandledEventsTest {

    @Inject
    Pool pool;

    @Inject
    HandledEventsPruning pruning;

    @Test
    void theKeyIsTheDigestPostgreSqlComputesFromHubDeviceAndEventId() {
        UUID key = ProcessedEvents.key(TestHub.RESOURCE_ID, "digest-1", "5f0e2c1a-0000-4000-8000-000000000001");

        List<java.util.Map<String, Object>> rows = TestDatabase.query("SELECT md5(? || E'\\n' || ? || E'\\n' || ?)::uuid AS key",
                TestHub.RESOURCE_ID, "digest-1", "5f0e2c1a-0000-4000-8000-000000000001");

        assertThat(rows.get(0).get("key")).isEqualTo(key);
        assertThat(ProcessedEvents.key(TestHub.RESOURCE_ID, "digest-2", "5f0e2c1a-0000-4000-8000-000000000001")).isNotEqualTo(key);
    }

    @Test
    void onlyEventsNotHandledBeforeAreNew() throws Exception {
        UUID first = ProcessedEvents.key(TestHub.RESOURCE_ID, "repeat-1", UUID.randomUUID().toString());
        UUID second = ProcessedEvents.key(TestHub.RESOURCE_ID, "repeat-1", UUID.randomUUID().toString());

        assertThat(mark(List.of(first))).containsExactly(first);
        assertThat(mark(List.of(first, second))).containsExactly(second);
        assertThat(mark(List.of(first, second))).isEmpty();
    }

    @Test
    void idsOlderThanTheLimitAreForgottenInSlicesAndNewerOnesKept() throws Exception {
        TestDatabase.execute("INSERT INTO detection.handled_event (key, handled_at)"
                + " SELECT md5('prune-old-' || n)::uuid, now() - interval '30 days' FROM generate_series(1, ?) n",
                HandledEventsPruning.SLICE + 5);
        UUID kept = ProcessedEvents.key(TestHub.RESOURCE_ID, "prune-kept", UUID.randomUUID().toString());
        mark(List.of(kept));

        long deleted = pruning.prune(Instant.now().minusSeconds(86_400 * 7)).toCompletionStage().toCompletableFuture()
                .get(60, TimeUnit.SECONDS);

        assertThat(deleted).isGreaterThanOrEqualTo(HandledEventsPruning.SLICE + 5);
        assertThat(TestDatabase.count("SELECT count(*) FROM detection.handled_event WHERE handled_at < now() - interval '7 days'")).isZero();
        assertThat(TestDatabase.count("SELECT count(*) FROM detection.handled_event WHERE key = ?", kept)).isOne();
    }

    private Set<UUID> mark(List<UUID> keys) throws Exception {
        return pool.withTransaction(connection -> ProcessedEvents.markNew(connection, keys))
                .toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    }
}
