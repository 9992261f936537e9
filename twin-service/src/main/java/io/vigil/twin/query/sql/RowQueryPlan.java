package io.vigil.twin.query.sql;

import io.vigil.twin.query.BoundQuery;
import io.vigil.twin.query.CompiledTwinQuery;
import io.vigil.twin.query.PageCursor;
import io.vigil.twin.query.TwinQueryErrorCodes;
import io.vigil.twin.query.TwinQueryException;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A query that returns one item per twin ({@code SELECT *} or a projection).
 * <p>
 * Pages are keyset pages over the primary key: twins come ordered by (device_id, module_id) and a page starts
 * after the key of the previous page's last row. The inner query selects the page's rows, using the primary key
 * (or the (hub, module_id) index, or the GIN index when a containment test is selective) and stopping at the
 * LIMIT; the outer query builds the items of those rows only.
 */
final class RowQueryPlan implements CompiledTwinQuery {

    private final String itemType;
    private final String itemSql;
    private final String fromAndFilter;
    private final List<Object> queryParameters;
    private final int firstPagingIndex;
    private final OptionalLong top;
    private final int maxPageSize;

    /**
     * @param itemSql          the item as JSON text, computed from {@code s.document}
     * @param fromAndFilter    {@code FROM ... WHERE ...} of the inner query, without the keyset condition
     * @param queryParameters  values of $2 ... (the hub is $1)
     */
    RowQueryPlan(String itemType, String itemSql, String fromAndFilter, List<Object> queryParameters,
                 OptionalLong top, int maxPageSize) {
        this.itemType = itemType;
        this.itemSql = itemSql;
        this.fromAndFilter = fromAndFilter;
        this.queryParameters = List.copyOf(queryParameters);
        this.firstPagingIndex = 2 + queryParameters.size();
        this.top = top;
        this.maxPageSize = maxPageSize;
    }

    @Override
    public String itemType() {
        return itemType;
    }

    @Override
    public BoundQuery page(String hubResourceId, int pageSize, Optional<PageCursor> after) {
        Objects.requireNonNull(hubResourceId, "hubResourceId");
        long itemsBefore = after.map(PageCursor::itemsReturned).orElse(0L);
        after.ifPresent(RowQueryPlan::requireRowCursor);
        PageWindow window = PageWindow.of(pageSize, maxPageSize, top, itemsBefore);
        SqlParameters paging = new SqlParameters(firstPagingIndex);
        StringBuilder sql = new StringBuilder("SELECT ").append(itemSql)
                .append(" AS item, s.device_id, s.module_id FROM (SELECT t.device_id, t.module_id, t.document ")
                .append(fromAndFilter);
        if (after.isPresent()) {
            sql.append(" AND (t.device_id, t.module_id) > (").append(paging.bind(after.get().lastDeviceId()))
                    .append(", ").append(paging.bind(after.get().lastModuleId())).append(')');
        }
        sql.append(" ORDER BY t.device_id, t.module_id LIMIT ").append(paging.bind(window.limit()))
                .append(") AS s ORDER BY s.device_id, s.module_id");
        List<Object> parameters = SqlParameters.pageParameters(hubResourceId, queryParameters, paging.values());
        return new BoundQuery(sql.toString(), parameters, window.pageSize(), window.itemsBefore());
    }

    private static void requireRowCursor(PageCursor cursor) {
        if (cursor.itemsReturned() < 1 || cursor.lastDeviceId() == null || cursor.lastModuleId() == null) {
            throw new TwinQueryException(TwinQueryErrorCodes.BAD_CONTINUATION,
                    "The continuation token does not belong to this query", 1, 1);
        }
    }
}
