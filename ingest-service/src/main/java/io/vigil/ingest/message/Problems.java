package io.vigil.ingest.message;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects the rejections of one scope (the envelope, or one event), all of them rather than the first, like ajv's
 * {@code --all-errors}, up to a cap.
 *
 * <p>The cap exists because a 256 KiB body of {@code {}} payload items would otherwise yield hundreds of thousands of
 * rejections, each with its own path string; past the cap one {@code limit} rejection says that the list is cut and the
 * validators stop looking ({@link #isFull()}).
 */
final class Problems {

    static final int MAX_PER_SCOPE = 100;

    private final String scopePath;
    private final int max;
    private List<Rejection> rejections;
    private boolean full;

    Problems(String scopePath) {
        this(scopePath, MAX_PER_SCOPE);
    }

    Problems(String scopePath, int max) {
        this.scopePath = scopePath;
        this.max = max;
    }

    void add(String path, String rule, String message) {
        if (full) {
            return;
        }
        if (rejections == null) {
            rejections = new ArrayList<>(4);
        }
        if (rejections.size() == max) {
            rejections.add(new Rejection(scopePath, Rejection.LIMIT,
                    "More than " + max + " problems were found here; the rest are not listed."));
            full = true;
            return;
        }
        rejections.add(new Rejection(path, rule, message));
    }

    /** Whether the cap was reached; further problems are dropped, so there is no point in looking for them. */
    boolean isFull() {
        return full;
    }

    boolean isEmpty() {
        return rejections == null;
    }

    List<Rejection> toList() {
        return rejections == null ? List.of() : rejections;
    }
}
