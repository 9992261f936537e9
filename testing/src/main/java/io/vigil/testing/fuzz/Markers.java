package io.vigil.testing.fuzz;

import java.util.ArrayList;
import java.util.List;

/**
 * Unique values a generator puts into literals so that a test can tell whether a literal reached the SQL text.
 * A text marker is {@code zqx<n>q} (no compiler writes "zqx"); a number marker has nine digits starting 9876, a
 * real marker the same with a fraction: nothing the compilers write as their own constants looks like them.
 */
public final class Markers {

    private final List<String> issued = new ArrayList<>();
    private int next;

    public String text() {
        return remember("zqx" + (next++) + "q");
    }

    public String integer() {
        return remember(String.valueOf(987_600_000L + (next++)));
    }

    public String real() {
        return remember((987_600_000L + (next++)) + ".625");
    }

    /** Every marker issued so far, in order. */
    public List<String> issued() {
        return List.copyOf(issued);
    }

    private String remember(String marker) {
        issued.add(marker);
        return marker;
    }
}
