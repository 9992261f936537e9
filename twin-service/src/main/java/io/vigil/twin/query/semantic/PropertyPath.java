package io.vigil.twin.query.semantic;

import io.vigil.twin.query.syntax.SourcePosition;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A property of the twin document, relative to its root, after the collection prefix was removed and names fixed
 * by the twin format were given their canonical spelling.
 *
 * @param segments the names from the root
 * @param position where the path starts in the query
 */
public record PropertyPath(List<Segment> segments, SourcePosition position) {

    /**
     * One name.
     *
     * @param name          canonical spelling for names of the twin format, else as written
     * @param matchExactly  whether the document key must be spelled exactly {@code name}; false means any key
     *                      equal to it ignoring case will do (an exact spelling is preferred)
     */
    public record Segment(String name, boolean matchExactly) {
    }

    public PropertyPath {
        segments = List.copyOf(segments);
    }

    /** Whether every name must match exactly, so that plain JSON navigation and containment are correct. */
    public boolean fullyExact() {
        return segments.stream().allMatch(Segment::matchExactly);
    }

    public Segment last() {
        return segments.get(segments.size() - 1);
    }

    /** Whether two paths name the same property under the matching rules (used to check GROUP BY). */
    public boolean sameProperty(PropertyPath other) {
        return identity().equals(other.identity());
    }

    /** A key equal for paths that always resolve to the same property. */
    public String identity() {
        return segments.stream()
                .map(s -> (s.matchExactly() ? "=" + s.name() : "~" + s.name().toLowerCase(Locale.ROOT)))
                .collect(Collectors.joining("\u0000"));
    }

    /** The path as a query would write it, for messages. */
    public String display() {
        return segments.stream().map(Segment::name).collect(Collectors.joining("."));
    }
}
