package io.vigil.query.kql.fuzz;

import io.vigil.query.kql.CompiledKql;
import io.vigil.query.kql.KqlCompiler;
import io.vigil.query.kql.KqlErrorCodes;
import io.vigil.query.kql.KqlException;
import io.vigil.query.kql.catalog.CatalogColumn;
import io.vigil.query.kql.catalog.CatalogTable;
import io.vigil.query.kql.catalog.WorkspaceCatalog;
import io.vigil.query.kql.support.KqlCaseRunner;
import io.vigil.testing.fuzz.SqlProvenance;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The invariants every input must keep, checked at compile time: the compiler answers with a statement or with a
 * {@link KqlException} that has a code other than {@code kql.internal} and a position inside the text; a statement
 * holds none of the input's literals (the markers) and only words of the compiler's own vocabulary.
 */
final class KqlInvariants {

    /** Where the compiler hides a failure it did not expect (a StackOverflowError) behind a too-complex error. */
    private static final String HIDDEN_STACK_OVERFLOW = "the query is too deeply nested";

    private final KqlCompiler compiler = KqlCaseRunner.compiler(0);
    private final SqlProvenance provenance = SqlProvenance.ofSources(
            List.of(Path.of("src", "main", "java", "io", "vigil", "query", "kql")), catalogNames());

    /** The SQL names the catalog validated: the only names of the workspace the compiler may write. */
    static List<String> catalogNames() {
        List<String> names = new ArrayList<>();
        for (CatalogTable table : WorkspaceCatalog.builtIn().tables()) {
            names.add(table.sqlTable());
            for (CatalogColumn column : table.columns()) {
                if (column.sqlColumn() != null) {
                    names.add(column.sqlColumn());
                }
            }
        }
        return names;
    }

    /**
     * Compiles {@code query} and checks the invariants.
     *
     * @return the statement, empty when the query was rightly refused
     * @throws AssertionError naming the broken invariant
     */
    Optional<CompiledKql> check(String query, List<String> markers) {
        CompiledKql compiled;
        try {
            compiled = compiler.compile(query, Optional.empty());
        } catch (KqlException e) {
            checkRefusal(query, e);
            return Optional.empty();
        }
        checkStatement(compiled, markers);
        return Optional.of(compiled);
    }

    private static void checkRefusal(String query, KqlException e) {
        if (e.code().equals(KqlErrorCodes.INTERNAL)) {
            throw new AssertionError("a compiler defect surfaced as kql.internal: " + e.getMessage(), e.getCause());
        }
        if (e.getMessage().equals(HIDDEN_STACK_OVERFLOW)) {
            throw new AssertionError("the compiler overflowed its stack (caught as kql.too-complex at 1:1)");
        }
        if (!e.code().startsWith("kql.") || e.getMessage() == null || e.getMessage().isBlank()) {
            throw new AssertionError("an error without a code or message: " + e.code() + " " + e.getMessage());
        }
        // KQL counts lines at \n only (a lone \r is an ordinary character of its line).
        String[] lines = query.split("\n", -1);
        if (e.line() < 1 || e.line() > lines.length || e.column() < 1 || e.column() > lines[e.line() - 1].length() + 1) {
            throw new AssertionError("the position " + e.line() + ":" + e.column() + " is outside the query ("
                    + e.code() + ": " + e.getMessage() + ")");
        }
    }

    /** Enough of a statement to recognise it in a report; the input reproduces the whole of it. */
    static String shortened(String sql) {
        return sql.length() <= 800 ? sql : sql.substring(0, 400) + " ... " + sql.substring(sql.length() - 400);
    }

    private void checkStatement(CompiledKql compiled, List<String> markers) {
        String sql = compiled.sql();
        String lower = sql.toLowerCase(Locale.ROOT);
        for (String marker : markers) {
            if (lower.contains(marker.toLowerCase(Locale.ROOT))) {
                throw new AssertionError("the literal " + marker + " is in the SQL text: " + shortened(sql));
            }
        }
        List<String> foreign = provenance.foreignParts(sql);
        if (!foreign.isEmpty()) {
            throw new AssertionError("the SQL holds text the compiler does not write: " + foreign + "\nSQL: " + shortened(sql));
        }
        java.util.regex.Matcher placeholder = java.util.regex.Pattern.compile("\\$([0-9]+)").matcher(sql);
        int highest = 0;
        while (placeholder.find()) {
            highest = Math.max(highest, Integer.parseInt(placeholder.group(1)));
        }
        if (highest != compiled.parameters().size()) {
            throw new AssertionError("placeholders up to $" + highest + " for " + compiled.parameters().size() + " parameters");
        }
        for (Object parameter : compiled.parameters()) {
            if (!(parameter instanceof String || parameter instanceof Long || parameter instanceof Double
                    || parameter instanceof Boolean || parameter instanceof java.time.OffsetDateTime
                    || parameter instanceof String[])) {
                throw new AssertionError("a parameter of an unexpected type: " + parameter + " in "
                        + Arrays.toString(compiled.parameters().toArray()));
            }
        }
    }
}
