package io.vigil.twin.query;

import io.vigil.twin.query.semantic.CheckedQuery;
import io.vigil.twin.query.semantic.QueryAnalyzer;
import io.vigil.twin.query.sql.SqlPlanner;
import io.vigil.twin.query.syntax.ParsedQuery;
import io.vigil.twin.query.syntax.Parser;

import java.util.Objects;

/**
 * Compiles IoT Hub twin queries ({@code SELECT ... FROM devices | devices.modules [WHERE ...] [GROUP BY ...]}) to
 * one PostgreSQL statement per page over {@code twin.twin}, with every piece of query text bound as a parameter.
 * <p>
 * Stateless apart from its settings, hence thread-safe. The language, with every decision taken where IoT Hub's
 * documentation is silent, is described in twin-service/QUERY-LANGUAGE.md.
 */
public final class TwinQueryCompiler {

    private final TwinQueryLimits limits;
    private final PropertyNameMatching matching;

    /** A compiler with IoT Hub's case-insensitive property names. */
    public TwinQueryCompiler(TwinQueryLimits limits) {
        this(limits, PropertyNameMatching.CASE_INSENSITIVE);
    }

    public TwinQueryCompiler(TwinQueryLimits limits, PropertyNameMatching matching) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.matching = Objects.requireNonNull(matching, "matching");
    }

    /**
     * Parses and type-checks a query.
     *
     * @throws TwinQueryException for any text that is not a valid twin query (and for nothing else)
     */
    public CompiledTwinQuery compile(String query) {
        if (query == null || query.isBlank()) {
            throw new TwinQueryException(TwinQueryErrorCodes.SYNTAX, "The query is empty", 1, 1);
        }
        if (query.length() > limits.maxQueryLength()) {
            int[] at = lineAndColumn(query, limits.maxQueryLength());
            throw new TwinQueryException(TwinQueryErrorCodes.TOO_LONG, "The query has " + query.length()
                    + " characters; at most " + limits.maxQueryLength() + " are accepted", at[0], at[1]);
        }
        try {
            ParsedQuery parsed = Parser.parse(query);
            CheckedQuery checked = new QueryAnalyzer(matching).analyze(parsed);
            return SqlPlanner.plan(checked, limits);
        } catch (TwinQueryException e) {
            throw e;
        } catch (StackOverflowError e) {
            throw new TwinQueryException(TwinQueryErrorCodes.TOO_COMPLEX, "The query is too deeply nested", 1, 1);
        } catch (RuntimeException e) {
            // The contract is that bad input only ever raises TwinQueryException; a defect must not leak as a 500
            // with an arbitrary exception type.
            throw new TwinQueryException(TwinQueryErrorCodes.INTERNAL, "The query could not be compiled: " + e, 1, 1);
        }
    }

    /** 1-based line and column of a character index, counting line breaks as the lexer does. */
    private static int[] lineAndColumn(String text, int index) {
        int line = 1;
        int column = 1;
        for (int i = 0; i < index; i++) {
            char c = text.charAt(i);
            if (c == '\n' || (c == '\r' && (i + 1 >= text.length() || text.charAt(i + 1) != '\n'))) {
                line++;
                column = 1;
            } else {
                column++;
            }
        }
        return new int[] {line, column};
    }
}
