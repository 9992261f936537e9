package io.vigil.query.kql;

/**
 * Bounds applied to every compiled query.
 *
 * @param maxQueryLength longest accepted query text, in UTF-16 characters; longer text fails with {@code kql.too-long}
 * @param maxRows        most rows a caller returns; the SQL asks for one more row so that truncation can be detected
 */
public record KqlLimits(int maxQueryLength, int maxRows) {

    public KqlLimits {
        if (maxQueryLength < 1) {
            throw new IllegalArgumentException("maxQueryLength must be positive: " + maxQueryLength);
        }
        if (maxRows < 1 || maxRows == Integer.MAX_VALUE) {
            throw new IllegalArgumentException("maxRows must be between 1 and " + (Integer.MAX_VALUE - 1) + ": " + maxRows);
        }
    }

    /** 16384 characters of query text, 10000 rows. */
    public static KqlLimits defaults() {
        return new KqlLimits(16384, 10000);
    }
}
