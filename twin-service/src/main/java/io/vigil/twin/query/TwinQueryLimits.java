package io.vigil.twin.query;

/**
 * Bounds that protect the database from oversized queries and pages.
 *
 * @param maxQueryLength longest accepted query text, in characters (IoT Hub documents 8192)
 * @param maxPageSize    largest page a caller may ask for; bigger requests are reduced to it (IoT Hub caps pages at 100)
 */
public record TwinQueryLimits(int maxQueryLength, int maxPageSize) {

    public TwinQueryLimits {
        if (maxQueryLength < 1) {
            throw new IllegalArgumentException("maxQueryLength must be positive: " + maxQueryLength);
        }
        if (maxPageSize < 1) {
            throw new IllegalArgumentException("maxPageSize must be positive: " + maxPageSize);
        }
    }

    /** IoT Hub's documented limits: 8192 characters of query text, 100 items per page. */
    public static TwinQueryLimits defaults() {
        return new TwinQueryLimits(8192, 100);
    }
}
