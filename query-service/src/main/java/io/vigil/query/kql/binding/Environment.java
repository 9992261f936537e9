package io.vigil.query.kql.binding;

import java.util.Optional;

/** The names declared by {@code let} statements and function parameters, innermost first. Immutable. */
public final class Environment {

    private static final Environment EMPTY = new Environment(null, null, null);

    private final Environment parent;
    private final String name;
    private final Binding binding;

    private Environment(Environment parent, String name, Binding binding) {
        this.parent = parent;
        this.name = name;
        this.binding = binding;
    }

    public static Environment empty() {
        return EMPTY;
    }

    public Environment with(String declaredName, Binding declared) {
        return new Environment(this, declaredName, declared);
    }

    /** The innermost binding of this exact (case-sensitive) name. */
    public Optional<Binding> lookup(String wanted) {
        for (Environment e = this; e != null && e.binding != null; e = e.parent) {
            if (e.name.equals(wanted)) {
                return Optional.of(e.binding);
            }
        }
        return Optional.empty();
    }

    /** A declared name equal to {@code wanted} ignoring case, to hint at case mistakes. */
    public Optional<String> lookupIgnoringCase(String wanted) {
        for (Environment e = this; e != null && e.binding != null; e = e.parent) {
            if (e.name.equalsIgnoreCase(wanted)) {
                return Optional.of(e.name);
            }
        }
        return Optional.empty();
    }
}
