package io.vigil.twin.query.support;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Optional;

/**
 * One row of the case table (src/test/resources/twin-query/cases.json).
 *
 * @param name        what the case shows
 * @param source      where the query comes from (doc example tag, seed, or "vigil" for our own)
 * @param fixtures    the fixture set (and hub) the query runs against
 * @param query       the query text, verbatim
 * @param expected    expected items, when given literally
 * @param expectTwins expected whole twins, as "deviceId" or "deviceId/moduleId" of fixture documents
 * @param anyOrder    whether items may come in any order
 * @param itemType    the expected item type, if the case checks it
 * @param exactNames  whether to compile with exact property-name matching
 */
public record QueryCase(String name, String source, String fixtures, String query, Optional<List<JsonNode>> expected,
                        Optional<List<String>> expectTwins, boolean anyOrder, Optional<String> itemType,
                        boolean exactNames) {

    @Override
    public String toString() {
        return name;
    }
}
