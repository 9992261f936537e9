package io.vigil.twin.query.support;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/**
 * Everything a query returned over all its pages.
 *
 * @param items     the items in the order received
 * @param pageSizes how many items each page held
 */
public record PagedResult(List<JsonNode> items, List<Integer> pageSizes) {
}
