package io.vigil.query.kql;

import io.vigil.query.kql.catalog.WorkspaceCatalog;
import io.vigil.query.kql.syntax.Lexer;
import io.vigil.query.kql.syntax.Parser;
import io.vigil.query.kql.syntax.Position;
import io.vigil.query.kql.syntax.Statement;
import io.vigil.query.kql.sql.QueryCompiler;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Compiles a KQL query over the workspace tables (SecurityIoTRawEvent, SecurityAlert, SecurityRecommendation) to
 * one PostgreSQL statement with bound parameters. Immutable and thread-safe; see KQL.md in the module for the
 * supported language and every decision taken where KQL's documentation leaves room.
 */
public final class KqlCompiler {

    private final KqlLimits limits;
    private final WorkspaceCatalog catalog;
    private final Clock clock;

    /** Uses the built-in workspace catalog and the system clock for now() and ago(). */
    public KqlCompiler(KqlLimits limits) {
        this(limits, WorkspaceCatalog.builtIn(), Clock.systemUTC());
    }

    /** For tests and other catalogs: the tables to query and the clock that fixes the statement's now(). */
    public KqlCompiler(KqlLimits limits, WorkspaceCatalog catalog, Clock clock) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Compiles {@code query}. The time window, when present, restricts every workspace table the query scans to
     * rows with {@code TimeGenerated} in {@code [from, to)}.
     *
     * @throws KqlException for any query that cannot be compiled; never anything else for bad input
     */
    public CompiledKql compile(String query, Optional<TimeWindow> window) {
        return compile(query, window, Map.of());
    }

    /**
     * Compiles {@code query} with values for its parameters (see {@link #parameters(String)}), each given as text
     * and converted to the type of the literal it replaces.
     *
     * @throws KqlException also with {@code kql.parameter} for an unknown parameter or a value of the wrong type
     */
    public CompiledKql compile(String query, Optional<TimeWindow> window, Map<String, String> parameterValues) {
        return compile(query, window, parameterValues, Optional.empty());
    }

    /**
     * Compiles {@code query} for a caller limited to some hubs: every workspace table the query scans shows only rows
     * whose hub ({@code _ResourceId}) is one of {@code hubs}, bound as one array parameter. Empty: every hub.
     */
    public CompiledKql compile(String query, Optional<TimeWindow> window, Map<String, String> parameterValues,
                               Optional<List<String>> hubs) {
        if (query == null || query.isBlank()) {
            throw new KqlException(KqlErrorCodes.SYNTAX, "the query is empty", 1, 1);
        }
        if (query.length() > limits.maxQueryLength()) {
            Position at = Lexer.positionIn(query, limits.maxQueryLength());
            throw at.error(KqlErrorCodes.TOO_LONG, "the query is " + query.length() + " characters long; the limit is "
                    + limits.maxQueryLength());
        }
        try {
            Statement.Query parsed = LetParameters.apply(Parser.parse(query), parameterValues);
            return QueryCompiler.compile(parsed, catalog, window == null ? Optional.empty() : window,
                    hubs == null ? Optional.empty() : hubs, clock.instant(), limits);
        } catch (KqlException e) {
            throw e;
        } catch (StackOverflowError e) {
            throw new KqlException(KqlErrorCodes.TOO_COMPLEX, "the query is too deeply nested", 1, 1);
        } catch (RuntimeException e) {
            // A defect of the compiler: still a KqlException for the caller, with the cause kept for the logs.
            throw new KqlException(KqlErrorCodes.INTERNAL, "internal error while compiling the query: " + e, 1, 1, e);
        }
    }

    /**
     * The parameters of {@code query}: its top-level {@code let name = <literal>;} statements, in order, with the
     * literal's type and text as the default.
     *
     * @throws KqlException when the query does not parse
     */
    public List<QueryParameter> parameters(String query) {
        return LetParameters.declared(Parser.parse(query), query);
    }
}
