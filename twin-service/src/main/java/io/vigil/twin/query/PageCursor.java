package io.vigil.twin.query;

/**
 * Where the previous page ended. The REST layer turns it into the opaque {@code x-ms-continuation} token and back;
 * build it with {@link BoundQuery#nextCursor(int, String, String)} rather than by hand.
 * <p>
 * Row queries ({@code SELECT *} and projections) continue after the key ({@code lastDeviceId}, {@code lastModuleId})
 * of the last item returned, so rows inserted, updated or deleted between pages never make another row appear twice
 * or go missing. Aggregate queries are recomputed for every page and continue at an offset ({@code itemsReturned});
 * both keys are then {@code null}.
 *
 * @param itemsReturned how many items the pages before returned in total; bounds {@code TOP} and is the aggregate
 *                      offset
 * @param lastDeviceId  device id of the last row returned (row queries), else {@code null}
 * @param lastModuleId  module id of the last row returned, {@code ""} for a device twin (row queries), else
 *                      {@code null}
 */
public record PageCursor(long itemsReturned, String lastDeviceId, String lastModuleId) {
}
