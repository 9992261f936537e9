package io.vigil.query.kql.binding;

import io.vigil.query.kql.KqlErrorCodes;
import io.vigil.query.kql.syntax.Position;

import java.util.HashSet;
import java.util.Set;

/**
 * The names already used in an operator's output, and Kusto's rules for new ones: an explicitly declared name must
 * be new; a derived name that is taken gets the smallest free numeric suffix ({@code set_y}, {@code set_y1});
 * an expression without a derivable name gets the first free {@code Column1}, {@code Column2}, ...
 */
public final class UniqueNames {

    private final Set<String> used = new HashSet<>();

    /** Reserves a name that is already part of the output (input columns kept by extend, join left side). */
    public void reserve(String name) {
        used.add(name);
    }

    /** An explicitly written name: an error if taken. */
    public String explicit(String name, Position position) {
        if (!used.add(name)) {
            throw position.error(KqlErrorCodes.DUPLICATE_COLUMN, "column '" + name + "' is declared twice");
        }
        return name;
    }

    /** A name derived from an expression: suffixed with 1, 2, ... if taken. */
    public String derived(String name) {
        if (used.add(name)) {
            return name;
        }
        for (int suffix = 1; ; suffix++) {
            String candidate = name + suffix;
            if (used.add(candidate)) {
                return candidate;
            }
        }
    }

    /** The first free {@code <prefix><n>}, n from {@code first}: Column1, print_0, ... */
    public String numbered(String prefix, int first) {
        for (int n = first; ; n++) {
            String candidate = prefix + n;
            if (used.add(candidate)) {
                return candidate;
            }
        }
    }
}
