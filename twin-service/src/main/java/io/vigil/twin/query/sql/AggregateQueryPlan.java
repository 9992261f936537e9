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
 * A query with aggregates: one item per group, or exactly one item without GROUP BY.
 * <p>
 * Groups have no stable key in the table, so pages are offsets into the groups ordered by their value; each page
 * recomputes the aggregates, so a twin changing between pages can shift groups across a page boundary. Aggregate
 * results are small (one row per distinct value), so this is accepted.
 */
final class AggregateQueryPlan implements CompiledTwinQuery {

    /** Where a grouped query's SQL takes the number of groups up to the end of the page. */
    static final String GROUPS_UP_TO_PAGE_END = "{groups-up-to-page-end}";

    private final String sqlWithoutPaging;
    private final List<Object> queryParameters;
    private final int firstPagingIndex;
    private final OptionalLong top;
    private final int maxPageSize;

    AggregateQueryPlan(String sqlWithoutPaging, List<Object> queryParameters, OptionalLong top, int maxPageSize) {
        this.sqlWithoutPaging = sqlWithoutPaging;
        this.queryParameters = List.copyOf(queryParameters);
        this.firstPagingIndex = 2 + queryParameters.size();
        this.top = top;
        this.maxPageSize = maxPageSize;
    }

    @Override
    public String itemType() {
        return RAW;
    }

    @Override
    public BoundQuery page(String hubResourceId, int pageSize, Optional<PageCursor> after) {
        Objects.requireNonNull(hubResourceId, "hubResourceId");
        after.ifPresent(AggregateQueryPlan::requireOffsetCursor);
        long itemsBefore = after.map(PageCursor::itemsReturned).orElse(0L);
        PageWindow window = PageWindow.of(pageSize, maxPageSize, top, itemsBefore);
        SqlParameters paging = new SqlParameters(firstPagingIndex);
        String limit = paging.bind(window.limit());
        String offset = paging.bind(window.itemsBefore());
        String sql = sqlWithoutPaging.replace(GROUPS_UP_TO_PAGE_END, "(" + limit + " + " + offset + ")")
                + " LIMIT " + limit + " OFFSET " + offset;
        List<Object> parameters = SqlParameters.pageParameters(hubResourceId, queryParameters, paging.values());
        return new BoundQuery(sql, parameters, window.pageSize(), window.itemsBefore());
    }

    private static void requireOffsetCursor(PageCursor cursor) {
        if (cursor.itemsReturned() < 1 || cursor.lastDeviceId() != null || cursor.lastModuleId() != null) {
            throw new TwinQueryException(TwinQueryErrorCodes.BAD_CONTINUATION,
                    "The continuation token does not belong to this query", 1, 1);
        }
    }
}
