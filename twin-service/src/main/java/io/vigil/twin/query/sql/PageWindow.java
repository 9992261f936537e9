package io.vigil.twin.query.sql;

import java.util.OptionalLong;

/**
 * The size of one page and the LIMIT that fetches it.
 * <p>
 * The statement fetches one row more than the page when more rows may follow: the caller learns whether a next
 * page exists without another round trip and without a count. When TOP ends within this page, no extra row is
 * fetched, since nothing may follow.
 *
 * @param pageSize    items this page may hold
 * @param itemsBefore items returned by earlier pages
 * @param limit       rows the statement fetches
 */
record PageWindow(int pageSize, long itemsBefore, long limit) {

    static PageWindow of(int requested, int maxPageSize, OptionalLong top, long itemsBefore) {
        int size = Math.max(1, Math.min(requested, maxPageSize));
        long remaining = top.isPresent() ? Math.max(0, top.getAsLong() - itemsBefore) : Long.MAX_VALUE;
        if (remaining <= size) {
            return new PageWindow((int) remaining, itemsBefore, remaining);
        }
        return new PageWindow(size, itemsBefore, size + 1L);
    }
}
