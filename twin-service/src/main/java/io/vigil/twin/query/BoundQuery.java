package io.vigil.twin.query;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One page of a compiled query: a single PostgreSQL statement with {@code $1, $2, ...} placeholders and the values
 * to bind, in order. Values are {@code String}, {@code Long}, {@code Double}, {@code Boolean} or {@code String[]};
 * the statement casts every placeholder explicitly, so the Vert.x PG client can bind them as they are.
 * <p>
 * Every row has the columns {@code item} (the JSON text of the twin, the projected object or the aggregate object),
 * {@code device_id} and {@code module_id} (text; {@code null} for aggregate queries). The statement may return one
 * row more than {@link #pageSize()}: that row only proves that another page exists and is not part of this one.
 * The caller therefore:
 * <ol>
 * <li>keeps the first {@link #itemsOnPage(int)} rows,</li>
 * <li>asks {@link #nextCursor(int, String, String)} with the number of rows received and the {@code device_id} and
 * {@code module_id} of the <em>last kept</em> row; an empty result means this was the last page.</li>
 * </ol>
 *
 * @param sql         the statement
 * @param parameters  the values for $1, $2, ... ({@code $1} is the hub)
 * @param pageSize    how many items this page may hold (the requested size, bounded by the limits and by TOP)
 * @param itemsBefore how many items earlier pages returned
 */
public record BoundQuery(String sql, List<Object> parameters, int pageSize, long itemsBefore) {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$(\\d+)");

    public BoundQuery {
        // A value bound for an expression the planner later folded away (WHERE IS_NULL(2e3) is simply false) leaves a
        // placeholder the statement never uses, whose type PostgreSQL cannot determine when the statement is
        // prepared (42P18). Only referenced values are kept, renumbered in order. Placeholders are the only "$" in
        // a compiled statement (the compiler inlines no text), so the renumbering touches nothing else.
        Matcher matcher = PLACEHOLDER.matcher(sql);
        TreeSet<Integer> used = new TreeSet<>();
        while (matcher.find()) {
            used.add(Integer.parseInt(matcher.group(1)));
        }
        List<Object> kept = new ArrayList<>(used.size());
        Map<Integer, Integer> renumbered = new HashMap<>();
        for (int index : used) {
            if (index < 1 || index > parameters.size()) {
                throw new IllegalStateException("placeholder $" + index + " has no value among " + parameters.size());
            }
            kept.add(parameters.get(index - 1));
            renumbered.put(index, kept.size());
        }
        if (kept.size() < parameters.size()) {
            sql = PLACEHOLDER.matcher(sql).replaceAll(found -> "\\$" + renumbered.get(Integer.parseInt(found.group(1))));
        }
        // List.copyOf would refuse null values; keep the order in a read-only copy.
        parameters = Collections.unmodifiableList(kept);
    }

    /** How many of the rows the statement returned belong to this page. */
    public int itemsOnPage(int rowsReturned) {
        return Math.min(rowsReturned, pageSize);
    }

    /** Whether the statement proved that another page exists. */
    public boolean hasNextPage(int rowsReturned) {
        return rowsReturned > pageSize;
    }

    /**
     * The cursor of the next page, or empty if this page is the last.
     *
     * @param rowsReturned number of rows the statement returned (including the extra row, if any)
     * @param lastDeviceId {@code device_id} of the last kept row (ignored for aggregate queries)
     * @param lastModuleId {@code module_id} of the last kept row (ignored for aggregate queries)
     */
    public Optional<PageCursor> nextCursor(int rowsReturned, String lastDeviceId, String lastModuleId) {
        if (!hasNextPage(rowsReturned)) {
            return Optional.empty();
        }
        return Optional.of(new PageCursor(itemsBefore + pageSize, lastDeviceId, lastModuleId));
    }
}
