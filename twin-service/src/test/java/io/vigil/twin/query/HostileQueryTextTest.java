package io.vigil.twin.query;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.twin.query.support.Hubs;
import io.vigil.twin.query.support.QueryRunner;
import io.vigil.twin.query.support.TwinTestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Query text that looks like SQL stays data: it matches twins holding the same text and nothing else happens. */
class HostileQueryTextTest {

    private static final String HUB = Hubs.of("hostile");
    private static final String VALUE = "x'; DROP TABLE twin.twin; --";
    private static final String KEY = "k'); DELETE FROM twin.twin; --";

    private static TwinTestDatabase database;

    @BeforeAll
    static void twins() {
        database = TwinTestDatabase.shared();
        database.deleteHub(HUB);
        database.insertTwin(HUB, "evil", "", "{\"deviceId\":\"evil\",\"tags\":{\"v\":\"x'; DROP TABLE twin.twin; --\","
                + "\"k'); DELETE FROM twin.twin; --\":\"$1\"}}");
        database.insertTwin(HUB, "plain", "", "{\"deviceId\":\"plain\",\"tags\":{\"v\":\"x\"}}");
    }

    @Test
    void sqlLookingValuesAndNamesAreComparedAsText() {
        for (PropertyNameMatching matching : PropertyNameMatching.values()) {
            TwinQueryCompiler compiler = new TwinQueryCompiler(TwinQueryLimits.defaults(), matching);
            List<JsonNode> items = new QueryRunner(database).all(compiler.compile(
                    "SELECT deviceId, tags.[[" + KEY + "]] AS k FROM devices WHERE tags.v = 'x\\'; DROP TABLE twin.twin; --'"
                            + " AND tags.[[" + KEY.toUpperCase() + "]] = '$1' OR deviceId IN ['\\' OR 1=1 --']"),
                    HUB, 10).items();

            if (matching == PropertyNameMatching.CASE_INSENSITIVE) {
                assertThat(items).hasSize(1);
                assertThat(items.get(0).get("deviceId").asText()).isEqualTo("evil");
                assertThat(items.get(0).get("k").asText()).isEqualTo("$1");
            } else {
                assertThat(items).as("the upper-case key does not match exactly").isEmpty();
            }
        }
        List<JsonNode> all = new QueryRunner(database).all(new TwinQueryCompiler(TwinQueryLimits.defaults())
                .compile("SELECT deviceId FROM devices WHERE tags.v = '" + VALUE.replace("'", "\\'") + "'"), HUB, 10)
                .items();
        assertThat(all).extracting(item -> item.get("deviceId").asText()).containsExactly("evil");
        assertThat(new QueryRunner(database).all(new TwinQueryCompiler(TwinQueryLimits.defaults())
                .compile("SELECT COUNT() AS n FROM devices"), HUB, 10).items().get(0).get("n").asInt()).isEqualTo(2);
    }
}
