package io.vigil.twin.query;

import io.vigil.twin.query.support.Hubs;
import io.vigil.twin.query.support.QueryRunner;
import io.vigil.twin.query.support.TwinTestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The key path column that lets case-insensitive names skip their search on twins without any spelling of the path:
 * what it lists, and that every spelling is still found through it.
 */
class KeyPathsTest {

    private static final String HUB = Hubs.of("key-paths");
    private static final TwinTestDatabase DATABASE = TwinTestDatabase.shared();

    @BeforeAll
    static void twins() {
        DATABASE.deleteHub(HUB);
        DATABASE.insertTwin(HUB, "kp-upper", "", "{\"deviceId\": \"kp-upper\", \"tags\": {\"Location\": {\"CITY\": \"Lyon\"}}}");
        DATABASE.insertTwin(HUB, "kp-lower", "", "{\"deviceId\": \"kp-lower\", \"tags\": {\"location\": {\"city\": \"Oslo\"}}}");
        DATABASE.insertTwin(HUB, "kp-none", "", "{\"deviceId\": \"kp-none\", \"tags\": {\"site\": {\"city\": \"Rome\"}}}");
        DATABASE.insertTwin(HUB, "kp-accent", "", "{\"deviceId\": \"kp-accent\", \"tags\": {\"Étage\": 3}}");
        DATABASE.insertTwin(HUB, "kp-array", "", "{\"deviceId\": \"kp-array\", \"tags\": {\"location\": [{\"city\": \"Nice\"}]}}");
        DATABASE.insertTwin(HUB, "kp-shape", "", "{\"deviceId\": \"kp-shape\", \"A\": {\"bC\": 1, \"$metadata\": {\"x\": 1}},"
                + " \"n\": [{\"d\": 1}], \"$version\": 2}");
    }

    @Test
    void theColumnListsEveryObjectKeyPathLowerCasedWithoutDollarNames() {
        List<String> paths = DATABASE.execute(new BoundQuery("SELECT unnest(key_paths) AS path FROM twin.twin"
                        + " WHERE hub = $1 AND device_id = 'kp-shape' ORDER BY 1", List.of(HUB), 100, 0))
                .stream().map(row -> row.getString("path")).toList();
        assertThat(paths).containsExactly("a", "a\u001fbc", "deviceid", "n");
    }

    @Test
    void everySpellingIsFoundAndTwinsWithoutThePathAreSkipped() {
        assertThat(deviceIds("SELECT deviceId FROM devices WHERE IS_DEFINED(tags.LOCATION.city)"))
                .containsExactlyInAnyOrder("kp-upper", "kp-lower");
        assertThat(deviceIds("SELECT deviceId FROM devices WHERE tags.location.City = 'Lyon'")).containsExactly("kp-upper");
        // The key path test sits beside the type test, so negating it still gives every other twin.
        assertThat(deviceIds("SELECT deviceId FROM devices WHERE NOT IS_DEFINED(tags.Location.CITY)"))
                .containsExactlyInAnyOrder("kp-none", "kp-accent", "kp-array", "kp-shape");
        // A path into an array is no property path, with or without the column.
        assertThat(deviceIds("SELECT deviceId FROM devices WHERE IS_DEFINED(tags.location.city) AND deviceId = 'kp-array'")).isEmpty();
    }

    @Test
    void namesOutsideAsciiSearchWithoutTheColumn() {
        assertThat(deviceIds("SELECT deviceId FROM devices WHERE IS_DEFINED(tags.[[Étage]])")).containsExactly("kp-accent");
    }

    private static List<String> deviceIds(String query) {
        CompiledTwinQuery compiled = new TwinQueryCompiler(TwinQueryLimits.defaults()).compile(query);
        return new QueryRunner(DATABASE).all(compiled, HUB, 100).items().stream().map(item -> item.path("deviceId").asText()).toList();
    }
}
