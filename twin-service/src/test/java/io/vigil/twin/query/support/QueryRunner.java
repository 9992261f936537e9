package io.vigil.twin.query.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.sqlclient.Row;
import io.vigil.twin.query.BoundQuery;
import io.vigil.twin.query.CompiledTwinQuery;
import io.vigil.twin.query.PageCursor;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads every page of a compiled query the way the REST layer is meant to (see {@link BoundQuery}). */
public final class QueryRunner {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_PAGES = 10_000;

    private final TwinTestDatabase database;

    public QueryRunner(TwinTestDatabase database) {
        this.database = database;
    }

    public PagedResult all(CompiledTwinQuery query, String hub, int pageSize) {
        List<JsonNode> items = new ArrayList<>();
        List<Integer> pageSizes = new ArrayList<>();
        Optional<PageCursor> cursor = Optional.empty();
        do {
            if (pageSizes.size() > MAX_PAGES) {
                throw new AssertionError("paging does not end");
            }
            Page page = page(query, hub, pageSize, cursor);
            items.addAll(page.items());
            pageSizes.add(page.items().size());
            cursor = page.next();
        } while (cursor.isPresent());
        return new PagedResult(items, pageSizes);
    }

    /** One page: its items and the cursor of the next page. */
    public Page page(CompiledTwinQuery query, String hub, int pageSize, Optional<PageCursor> after) {
        BoundQuery bound = query.page(hub, pageSize, after);
        List<Row> rows = database.execute(bound);
        int kept = bound.itemsOnPage(rows.size());
        List<JsonNode> items = new ArrayList<>();
        for (Row row : rows.subList(0, kept)) {
            items.add(toNode(row.getValue("item")));
        }
        Optional<PageCursor> next = kept == 0 ? Optional.empty() : bound.nextCursor(rows.size(),
                rows.get(kept - 1).getString("device_id"), rows.get(kept - 1).getString("module_id"));
        return new Page(items, next, bound);
    }

    /** A page's items, the next cursor and the statement that produced it. */
    public record Page(List<JsonNode> items, Optional<PageCursor> next, BoundQuery statement) {
    }

    private static JsonNode toNode(Object item) {
        if (!(item instanceof String text)) {
            throw new AssertionError("item is not JSON text: " + item);
        }
        try {
            JsonNode node = JSON.readTree(text);
            if (!node.isObject()) {
                throw new AssertionError("item is not a JSON object: " + item);
            }
            return node;
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }
}
