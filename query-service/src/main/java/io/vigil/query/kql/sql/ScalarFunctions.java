package io.vigil.query.kql.sql;

import io.vigil.query.kql.KqlErrorCodes;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** The built-in scalar functions, by exact (lower-case) name. */
final class ScalarFunctions {

    /** Compiles one call whose argument count has been checked. */
    @FunctionalInterface
    interface Implementation {
        SqlValue compile(FunctionCall call);
    }

    /** A function with its accepted argument counts. */
    record Definition(String name, int minArguments, int maxArguments, Implementation implementation) {

        SqlValue compile(FunctionCall call) {
            if (call.count() < minArguments || call.count() > maxArguments) {
                String expected = minArguments == maxArguments ? String.valueOf(minArguments)
                        : maxArguments == Integer.MAX_VALUE ? "at least " + minArguments
                        : minArguments + " to " + maxArguments;
                throw call.position().error(KqlErrorCodes.ARGUMENTS,
                        name + "() takes " + expected + " argument(s), got " + call.count());
            }
            return implementation.compile(call);
        }
    }

    private static final ScalarFunctions BUILT_IN = create();

    private final Map<String, Definition> definitions = new HashMap<>();

    static ScalarFunctions builtIn() {
        return BUILT_IN;
    }

    private static ScalarFunctions create() {
        ScalarFunctions functions = new ScalarFunctions();
        ConversionFunctions.register(functions);
        StringFunctions.register(functions);
        DatetimeFunctions.register(functions);
        LogicalFunctions.register(functions);
        DynamicFunctions.register(functions);
        NumberFunctions.register(functions);
        return functions;
    }

    void register(String name, int minArguments, int maxArguments, Implementation implementation) {
        if (definitions.put(name, new Definition(name, minArguments, maxArguments, implementation)) != null) {
            throw new IllegalStateException("function registered twice: " + name);
        }
    }

    Optional<Definition> lookup(String name) {
        return Optional.ofNullable(definitions.get(name));
    }

    Optional<String> lookupIgnoringCase(String name) {
        return definitions.keySet().stream().filter(n -> n.equalsIgnoreCase(name)).findFirst()
                .or(() -> AggregateFunctions.names().stream().filter(n -> n.equalsIgnoreCase(name)).findFirst());
    }
}
