package io.vigil.twin.update;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigil.twin.http.TwinApiException;
import io.vigil.twin.store.TwinDocuments;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Merge patches and replacements of tags and desired properties, with IoT Hub's $version and $metadata. */
class TwinChangeTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant CREATED = Instant.parse("2026-12-01T08:00:00Z");
    private static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");

    @Test
    void aPatchMergesTagsAndRemovesWhatItSetsToNull() throws Exception {
        ObjectNode twin = TwinDocuments.moduleTwin("d1", "azureiotsecurity", CREATED);
        twin.putObject("tags").put("securityGroup", "default").put("site", "lyon").putObject("alerts").putObject("IoT_X").put("severity", "High");

        ObjectNode next = patch(twin, "{\"tags\": {\"site\": null, \"floor\": 3, \"alerts\": {\"IoT_Y\": {\"severity\": \"Low\"}}}}");

        assertThat(next.get("tags")).isEqualTo(JSON.readTree(
                "{\"securityGroup\": \"default\", \"alerts\": {\"IoT_X\": {\"severity\": \"High\"}, \"IoT_Y\": {\"severity\": \"Low\"}}, \"floor\": 3}"));
        // Desired properties untouched: same $version, same metadata.
        assertThat(next.at("/properties/desired")).isEqualTo(twin.at("/properties/desired"));
        assertThat(twin.at("/tags/site").asText()).isEqualTo("lyon");
    }

    @Test
    void desiredPropertiesKeepVersionAndMetadataOfWhatChanged() throws Exception {
        ObjectNode twin = TwinDocuments.moduleTwin("d1", "m1", CREATED);
        ObjectNode first = patch(twin, "{\"properties\": {\"desired\": {\"telemetry\": {\"interval\": 30, \"mode\": \"fast\"}, \"color\": \"red\"}}}");
        assertThat(first.at("/properties/desired/$version").asLong()).isEqualTo(2);
        assertThat(first.at("/properties/desired/telemetry/interval").asInt()).isEqualTo(30);
        JsonNode metadata = first.at("/properties/desired/$metadata");
        assertThat(metadata.at("/$lastUpdated").asText()).isEqualTo(NOW.toString());
        assertThat(metadata.at("/$lastUpdatedVersion").asLong()).isEqualTo(2);
        assertThat(metadata.at("/telemetry/interval/$lastUpdatedVersion").asLong()).isEqualTo(2);
        assertThat(metadata.at("/color/$lastUpdated").asText()).isEqualTo(NOW.toString());

        Instant later = NOW.plusSeconds(60);
        ObjectNode second = TwinChange.parse(TwinChange.Kind.PATCH,
                JSON.readTree("{\"properties\": {\"desired\": {\"telemetry\": {\"mode\": null}, \"color\": \"blue\"}}}")).applyTo(first, later);
        JsonNode desired = second.at("/properties/desired");
        assertThat(desired.at("/$version").asLong()).isEqualTo(3);
        assertThat(desired.at("/telemetry").toString()).isEqualTo("{\"interval\":30}");
        assertThat(desired.at("/$metadata/telemetry/interval/$lastUpdatedVersion").asLong()).as("untouched leaf keeps its version").isEqualTo(2);
        assertThat(desired.at("/$metadata/telemetry/mode").isMissingNode()).isTrue();
        assertThat(desired.at("/$metadata/telemetry/$lastUpdatedVersion").asLong()).isEqualTo(3);
        assertThat(desired.at("/$metadata/color/$lastUpdated").asText()).isEqualTo(later.toString());
    }

    @Test
    void aReplacementReplacesBothSectionsAndLeavesReportedAndIdentityAlone() throws Exception {
        ObjectNode twin = TwinDocuments.deviceTwin("d1", CREATED);
        twin.putObject("tags").put("old", true);
        ((ObjectNode) twin.at("/properties/reported")).put("firmware", "1.2");
        ObjectNode body = (ObjectNode) JSON.readTree("{\"deviceId\": \"d1\", \"etag\": \"x\", \"version\": 99, \"status\": \"disabled\","
                + " \"tags\": {\"new\": 1}, \"properties\": {\"desired\": {\"$version\": 42, \"a\": 1}, \"reported\": {\"firmware\": \"9.9\"}}}");

        ObjectNode next = TwinChange.parse(TwinChange.Kind.REPLACE, body).applyTo(twin, NOW);

        assertThat(next.get("tags").toString()).isEqualTo("{\"new\":1}");
        assertThat(next.at("/properties/desired/a").asInt()).isEqualTo(1);
        assertThat(next.at("/properties/desired/$version").asLong()).isEqualTo(2);
        assertThat(next.at("/properties/reported/firmware").asText()).isEqualTo("1.2");
        assertThat(next.get("status").asText()).isEqualTo("enabled");
        assertThat(next.get("version").asLong()).isEqualTo(1);
    }

    @Test
    void whatIoTHubWouldRefuseIsRefusedWithTheReason() {
        assertRefused("{\"properties\": {\"reported\": {\"a\": 1}}}", "written by the device");
        assertRefused("{\"tags\": {\"$secret\": 1}}", "$secret");
        assertRefused("{\"tags\": {\"a.b\": 1}}", "a.b");
        assertRefused("{\"tags\": {\"with space\": 1}}", "with space");
        assertRefused("{\"tags\": [1]}", "tags must be a JSON object");
        assertRefused("{\"colour\": {}}", "no field colour");
        assertRefused("{\"properties\": {\"wanted\": {}}}", "no section wanted");
        assertRefused("{\"tags\": {\"s\": \"" + "x".repeat(4097) + "\"}}", "4096 bytes");
        StringBuilder deep = new StringBuilder("{\"tags\": ");
        for (int i = 0; i < 11; i++) {
            deep.append("{\"n\": ");
        }
        deep.append("1").append("}".repeat(11)).append("}");
        assertRefused(deep.toString(), "deeper than 10");
        StringBuilder big = new StringBuilder("{\"tags\": {");
        for (int i = 0; i < 40; i++) {
            big.append(i == 0 ? "" : ",").append("\"k").append(i).append("\": \"").append("v".repeat(1000)).append("\"");
        }
        big.append("}}");
        assertThatThrownBy(() -> patch(TwinDocuments.deviceTwin("d1", CREATED), big.toString()))
                .isInstanceOf(TwinApiException.class).hasMessageContaining("32768");
    }

    private static void assertRefused(String body, String reason) {
        assertThatThrownBy(() -> patch(TwinDocuments.deviceTwin("d1", CREATED), body))
                .isInstanceOf(TwinApiException.class).hasMessageContaining(reason)
                .satisfies(e -> assertThat(((TwinApiException) e).status()).isEqualTo(400));
    }

    private static ObjectNode patch(ObjectNode twin, String body) throws Exception {
        return TwinChange.parse(TwinChange.Kind.PATCH, JSON.readTree(body)).applyTo(twin, NOW);
    }
}
