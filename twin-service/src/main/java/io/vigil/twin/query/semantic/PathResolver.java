package io.vigil.twin.query.semantic;

import io.vigil.twin.query.PropertyNameMatching;
import io.vigil.twin.query.TwinQueryErrorCodes;
import io.vigil.twin.query.TwinQueryException;
import io.vigil.twin.query.syntax.ExpressionNode;
import io.vigil.twin.query.syntax.PathSegment;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns a written path into a {@link PropertyPath}.
 * <p>
 * Paths may repeat the collection name ({@code devices.tags.type}, {@code devices.deviceId} in a devices.modules
 * query, {@code devices.modules.moduleId}), as the documentation and real applications do; the prefix is dropped.
 * Only a bare (not [[quoted]]) leading {@code devices} is a prefix: the twin root has no key of that name.
 */
final class PathResolver {

    private final TwinCollection collection;
    private final PropertyNameMatching matching;

    PathResolver(TwinCollection collection, PropertyNameMatching matching) {
        this.collection = collection;
        this.matching = matching;
    }

    PropertyPath resolve(ExpressionNode.Path path) {
        List<PathSegment> written = path.segments();
        int skip = 0;
        if (isBare(written.get(0), "devices")) {
            skip = 1;
            if (collection == TwinCollection.MODULES && written.size() > 1 && isBare(written.get(1), "modules")) {
                skip = 2;
            }
        }
        if (skip == written.size()) {
            throw new TwinQueryException(TwinQueryErrorCodes.SYNTAX, "A property name must follow '"
                    + (skip == 1 ? "devices" : "devices.modules") + ".'", path.position().line(),
                    path.position().column());
        }
        List<String> names = new ArrayList<>();
        for (PathSegment segment : written.subList(skip, written.size())) {
            names.add(segment.name());
        }
        return new PropertyPath(TwinSchema.resolve(names, matching), path.position());
    }

    /** The indexed column holding the same value as the property, if there is one. */
    Optional<TwinColumn> column(PropertyPath path) {
        if (path.segments().size() != 1 || !path.last().matchExactly()) {
            return Optional.empty();
        }
        String name = path.last().name();
        if (name.equals("deviceId")) {
            return Optional.of(TwinColumn.DEVICE_ID);
        }
        if (name.equals("moduleId") && collection == TwinCollection.MODULES) {
            return Optional.of(TwinColumn.MODULE_ID);
        }
        return Optional.empty();
    }

    private static boolean isBare(PathSegment segment, String word) {
        return !segment.quoted() && segment.name().equalsIgnoreCase(word);
    }
}
