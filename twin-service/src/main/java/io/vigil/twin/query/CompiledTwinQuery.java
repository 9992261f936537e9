package io.vigil.twin.query;

import java.util.Optional;

/** A checked twin query, ready to produce the SQL of any of its pages. Immutable and thread-safe. */
public interface CompiledTwinQuery {

    /** Item type of a whole twin ({@code SELECT *} from devices or devices.modules). */
    String TWIN = "twin";
    /** Item type of projected and aggregated objects (IoT Hub returns these as plain JSON). */
    String RAW = "raw";

    /** The {@code x-ms-item-type} of the results: {@link #TWIN} or {@link #RAW}. */
    String itemType();

    /**
     * The statement for one page.
     *
     * @param hubResourceId the hub whose twins are queried; nothing outside it is ever read
     * @param pageSize      items wanted; values below 1 or above {@link TwinQueryLimits#maxPageSize()} are brought
     *                      into that range, as IoT Hub does with {@code x-ms-max-item-count}
     * @param after         where the previous page ended, empty for the first page
     * @throws TwinQueryException with code {@link TwinQueryErrorCodes#BAD_CONTINUATION} if {@code after} cannot be a
     *                            cursor of this query
     */
    BoundQuery page(String hubResourceId, int pageSize, Optional<PageCursor> after);
}
