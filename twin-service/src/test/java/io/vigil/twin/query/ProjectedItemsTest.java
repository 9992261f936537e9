package io.vigil.twin.query;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.twin.query.support.Hubs;
import io.vigil.twin.query.support.QueryRunner;
import io.vigil.twin.query.support.TwinTestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Items of projections and aggregates, which PostgreSQL writes as JSON text member by member: keys the query or the
 * twin spells with characters JSON must escape, keys in projection order, undefined members left out.
 */
class ProjectedItemsTest {

    private static final String HUB = Hubs.of("projected-items");
    private static final TwinTestDatabase DATABASE = TwinTestDatabase.shared();

    @BeforeAll
    static void twins() {
        DATABASE.deleteHub(HUB);
        DATABASE.insertTwin(HUB, "pi-01", "", "{\"deviceId\": \"pi-01\", \"tags\": {\"say \\\"Hi\\\" C:\\\\dir\": \"quoted\","
                + " \"Température\": 21.5, \"zone\": \"a\\tb\", \"nothing\": null}}");
        DATABASE.insertTwin(HUB, "pi-02", "", "{\"deviceId\": \"pi-02\", \"tags\": {\"zone\": \"b\"}}");
    }

    @Test
    void keysThatJsonMustEscapeComeOutEscapedInEitherSpelling() {
        JsonNode exact = only("SELECT tags.[[say \"Hi\" C:\\dir]] FROM devices WHERE deviceId = 'pi-01'");
        assertThat(exact.path("say \"Hi\" C:\\dir").asText()).isEqualTo("quoted");

        // Spelled otherwise, the key is the twin's spelling, escaped by PostgreSQL.
        JsonNode folded = only("SELECT tags.[[SAY \"hi\" c:\\DIR]], tags.TEMPÉRATURE FROM devices WHERE deviceId = 'pi-01'");
        assertThat(fieldNames(folded)).containsExactly("say \"Hi\" C:\\dir", "Température");
        assertThat(folded.path("Température").asDouble()).isEqualTo(21.5);
    }

    @Test
    void membersFollowTheProjectionAndUndefinedOnesAreLeftOut() {
        List<JsonNode> items = all("SELECT tags.zone AS zoneWithALongName, deviceId, tags.nothing AS n, tags.missing AS m"
                + " FROM devices");
        assertThat(items).hasSize(2);
        assertThat(fieldNames(items.get(0))).containsExactly("zoneWithALongName", "deviceId", "n");
        assertThat(items.get(0).path("zoneWithALongName").asText()).isEqualTo("a\tb");
        assertThat(items.get(0).path("n").isNull()).isTrue();
        assertThat(fieldNames(items.get(1))).containsExactly("zoneWithALongName", "deviceId");
        assertThat(only("SELECT tags.missing FROM devices WHERE deviceId = 'pi-02'")).isEmpty();
    }

    @Test
    void aggregateItemsFollowTheSelectListToo() {
        List<JsonNode> groups = all("SELECT COUNT() AS devicesInTheZone, tags.zone FROM devices GROUP BY tags.zone");
        assertThat(groups).hasSize(2);
        assertThat(fieldNames(groups.get(0))).containsExactly("devicesInTheZone", "zone");
        assertThat(groups.get(0).path("zone").asText()).isEqualTo("a\tb");
    }

    private static JsonNode only(String query) {
        List<JsonNode> items = all(query);
        assertThat(items).hasSize(1);
        return items.get(0);
    }

    private static List<JsonNode> all(String query) {
        CompiledTwinQuery compiled = new TwinQueryCompiler(TwinQueryLimits.defaults()).compile(query);
        return new QueryRunner(DATABASE).all(compiled, HUB, 100).items();
    }

    private static List<String> fieldNames(JsonNode item) {
        List<String> names = new ArrayList<>();
        item.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
