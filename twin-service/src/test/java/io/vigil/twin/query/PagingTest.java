package io.vigil.twin.query;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.twin.query.support.Hubs;
import io.vigil.twin.query.support.PagedResult;
import io.vigil.twin.query.support.QueryRunner;
import io.vigil.twin.query.support.TwinTestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Continuation across pages against a real PostgreSQL, including twins changing between pages. */
class PagingTest {

    private static final String HUB = Hubs.of("paging-test");

    private final TwinTestDatabase database = TwinTestDatabase.shared();
    private final QueryRunner runner = new QueryRunner(database);
    private final TwinQueryCompiler compiler = new TwinQueryCompiler(TwinQueryLimits.defaults());

    @BeforeEach
    void emptyHub() {
        database.deleteHub(HUB);
    }

    @Test
    void twinsChangingBetweenPagesAreNeitherRepeatedNorSkipped() {
        for (int i = 0; i <= 9; i++) {
            insertDevice(String.format("d%02d", i), true);
        }
        CompiledTwinQuery query = compiler.compile("SELECT deviceId FROM devices WHERE tags.keep = true");

        QueryRunner.Page first = runner.page(query, HUB, 3, Optional.empty());
        assertThat(ids(first.items())).containsExactly("d00", "d01", "d02");
        assertThat(first.next()).isPresent();

        insertDevice("d015", true);           // sorts before the cursor: not returned
        insertDevice("d035", true);           // sorts after the cursor: returned in its place
        database.deleteTwin(HUB, "d04", "");  // gone before it was reached
        updateDevice("d05", false);           // stops matching before it was reached
        updateDevice("d00", true);            // already returned, changed: not returned again
        updateDevice("d06", true);            // changed but still matching: returned once

        QueryRunner.Page second = runner.page(query, HUB, 3, first.next());
        assertThat(ids(second.items())).containsExactly("d03", "d035", "d06");

        database.deleteTwin(HUB, "d03", "");  // already returned
        insertDevice("d065", true);           // just behind the cursor (d06): returned next
        QueryRunner.Page third = runner.page(query, HUB, 3, second.next());
        assertThat(ids(third.items())).containsExactly("d065", "d07", "d08");

        QueryRunner.Page fourth = runner.page(query, HUB, 3, third.next());
        assertThat(ids(fourth.items())).containsExactly("d09");
        assertThat(fourth.next()).isEmpty();
    }

    @Test
    void moduleTwinsOfOneDeviceSpanPages() {
        for (int m = 1; m <= 5; m++) {
            database.insertTwin(HUB, "edge", "m" + m, "{\"deviceId\":\"edge\",\"moduleId\":\"m" + m + "\"}");
        }
        database.insertTwin(HUB, "edge", "", "{\"deviceId\":\"edge\"}");
        PagedResult result = runner.all(compiler.compile("SELECT moduleId FROM devices.modules"), HUB, 2);

        assertThat(result.pageSizes()).containsExactly(2, 2, 1);
        assertThat(result.items()).extracting(item -> item.get("moduleId").asText())
                .containsExactly("m1", "m2", "m3", "m4", "m5");
    }

    @Test
    void topCapsTheTotalAcrossPages() {
        for (int i = 1; i <= 10; i++) {
            insertDevice(String.format("d%02d", i), true);
        }
        PagedResult top5 = runner.all(compiler.compile("SELECT TOP 5 deviceId FROM devices"), HUB, 2);
        assertThat(top5.pageSizes()).containsExactly(2, 2, 1);
        assertThat(ids(top5.items())).containsExactly("d01", "d02", "d03", "d04", "d05");

        PagedResult top4 = runner.all(compiler.compile("SELECT TOP 4 deviceId FROM devices"), HUB, 2);
        assertThat(top4.pageSizes()).as("no empty page after the TOP is reached").containsExactly(2, 2);
    }

    @Test
    void aFullLastPageIsNotFollowedByAnEmptyOne() {
        for (int i = 1; i <= 4; i++) {
            insertDevice(String.format("d%02d", i), true);
        }
        assertThat(runner.all(compiler.compile("SELECT * FROM devices"), HUB, 2).pageSizes()).containsExactly(2, 2);
        assertThat(runner.all(compiler.compile("SELECT * FROM devices"), HUB, 4).pageSizes()).containsExactly(4);
    }

    @Test
    void anEmptyResultIsOneEmptyPage() {
        assertThat(runner.all(compiler.compile("SELECT * FROM devices"), HUB, 10).pageSizes()).containsExactly(0);
    }

    @Test
    void aggregatePagesContinueAtAnOffset() {
        for (int i = 1; i <= 5; i++) {
            database.insertTwin(HUB, "d" + i, "", "{\"deviceId\":\"d" + i + "\",\"tags\":{\"n\":" + i + "}}");
        }
        CompiledTwinQuery query = compiler.compile("SELECT tags.n AS n, COUNT() AS c FROM devices GROUP BY tags.n");
        QueryRunner.Page first = runner.page(query, HUB, 2, Optional.empty());
        assertThat(first.next()).contains(new PageCursor(2, null, null));

        PagedResult all = runner.all(query, HUB, 2);
        assertThat(all.pageSizes()).containsExactly(2, 2, 1);
        assertThat(all.items()).extracting(item -> item.get("n").asInt()).containsExactly(1, 2, 3, 4, 5);
    }

    @Test
    void pageSizesAreBroughtIntoTheAcceptedRange() {
        CompiledTwinQuery query = compiler.compile("SELECT * FROM devices");
        assertThat(query.page(HUB, 0, Optional.empty()).pageSize()).isEqualTo(1);
        assertThat(query.page(HUB, -5, Optional.empty()).pageSize()).isEqualTo(1);
        assertThat(query.page(HUB, 1000, Optional.empty()).pageSize()).isEqualTo(100);
        CompiledTwinQuery small = new TwinQueryCompiler(new TwinQueryLimits(8192, 3)).compile("SELECT * FROM devices");
        assertThat(small.page(HUB, 50, Optional.empty()).pageSize()).isEqualTo(3);
    }

    @Test
    void aContinuationOfAnotherKindOfQueryIsRejected() {
        CompiledTwinQuery rows = compiler.compile("SELECT * FROM devices");
        CompiledTwinQuery groups = compiler.compile("SELECT COUNT() AS n FROM devices");

        assertBadContinuation(() -> rows.page(HUB, 10, Optional.of(new PageCursor(10, null, null))));
        assertBadContinuation(() -> rows.page(HUB, 10, Optional.of(new PageCursor(0, "d", ""))));
        assertBadContinuation(() -> rows.page(HUB, 10, Optional.of(new PageCursor(-1, "d", ""))));
        assertBadContinuation(() -> groups.page(HUB, 10, Optional.of(new PageCursor(10, "d", ""))));
        assertBadContinuation(() -> groups.page(HUB, 10, Optional.of(new PageCursor(-3, null, null))));
    }

    @Test
    void aCursorBeyondTheTopGivesAnEmptyLastPage() {
        insertDevice("d01", true);
        insertDevice("d02", true);
        CompiledTwinQuery query = compiler.compile("SELECT TOP 1 * FROM devices");
        QueryRunner.Page page = runner.page(query, HUB, 10, Optional.of(new PageCursor(5, "d01", "")));

        assertThat(page.items()).isEmpty();
        assertThat(page.next()).isEmpty();
    }

    private static void assertBadContinuation(Runnable call) {
        TwinQueryException error = catchThrowableOfType(TwinQueryException.class, call::run);
        assertThat(error).isNotNull();
        assertThat(error.code()).isEqualTo(TwinQueryErrorCodes.BAD_CONTINUATION);
    }

    private void insertDevice(String deviceId, boolean keep) {
        database.insertTwin(HUB, deviceId, "", document(deviceId, keep));
    }

    private void updateDevice(String deviceId, boolean keep) {
        database.updateTwin(HUB, deviceId, "", document(deviceId, keep).replace("}}", ",\"changed\":true}}"));
    }

    private static String document(String deviceId, boolean keep) {
        return "{\"deviceId\":\"" + deviceId + "\",\"tags\":{\"keep\":" + keep + "}}";
    }

    private static List<String> ids(List<JsonNode> items) {
        List<String> ids = new ArrayList<>();
        items.forEach(item -> ids.add(item.get("deviceId").asText()));
        return ids;
    }
}
