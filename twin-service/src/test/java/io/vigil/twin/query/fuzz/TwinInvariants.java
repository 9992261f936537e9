package io.vigil.twin.query.fuzz;

import io.vigil.testing.fuzz.SqlProvenance;
import io.vigil.twin.query.BoundQuery;
import io.vigil.twin.query.CompiledTwinQuery;
import io.vigil.twin.query.PageCursor;
import io.vigil.twin.query.TwinQueryCompiler;
import io.vigil.twin.query.TwinQueryErrorCodes;
import io.vigil.twin.query.TwinQueryException;
import io.vigil.twin.query.TwinQueryLimits;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The invariants every input must keep at compile time: a compiled query, or a {@link TwinQueryException} with a
 * code other than {@code query.internal} and a position inside the text. A compiled query's pages (the first, and a
 * later one with a continuation) hold none of the input's markers, only the compiler's own vocabulary and
 * {@code twin.twin}'s columns, and exactly as many placeholders as parameters.
 */
final class TwinInvariants {

    static final String HUB = "fuzz-hub";
    /** The compiler's stand-in when a StackOverflowError escaped its parser. */
    private static final String HIDDEN_STACK_OVERFLOW = "The query is too deeply nested";

    private final TwinQueryCompiler compiler = new TwinQueryCompiler(TwinQueryLimits.defaults());
    private final SqlProvenance provenance = SqlProvenance.ofSources(
            List.of(Path.of("src", "main", "java", "io", "vigil", "twin", "query")),
            List.of("twin.twin", "hub", "device_id", "module_id", "document"));

    /** @return the pages to run, empty when the query was rightly refused */
    List<BoundQuery> check(String query, List<String> markers) {
        CompiledTwinQuery compiled;
        try {
            compiled = compiler.compile(query);
        } catch (TwinQueryException e) {
            checkRefusal(query, e);
            return List.of();
        }
        List<BoundQuery> pages = new ArrayList<>();
        pages.add(compiled.page(HUB, 10, Optional.empty()));
        pages.add(laterPage(compiled));
        for (BoundQuery page : pages) {
            checkPage(page, markers);
        }
        return pages;
    }

    /** A row query continues after a key, an aggregate after an offset; the other cursor kind is refused. */
    private static BoundQuery laterPage(CompiledTwinQuery compiled) {
        try {
            return compiled.page(HUB, 10, Optional.of(new PageCursor(10, "zqxlastdevice", "zqxlastmodule")));
        } catch (TwinQueryException e) {
            if (!e.code().equals(TwinQueryErrorCodes.BAD_CONTINUATION)) {
                throw e;
            }
            return compiled.page(HUB, 10, Optional.of(new PageCursor(10, null, null)));
        }
    }

    private static void checkRefusal(String query, TwinQueryException e) {
        if (e.code().equals(TwinQueryErrorCodes.INTERNAL)) {
            throw new AssertionError("a compiler defect surfaced as " + e.code() + ": " + e.getMessage());
        }
        if (e.getMessage().equals(HIDDEN_STACK_OVERFLOW)) {
            throw new AssertionError("the compiler overflowed its stack (caught as query.too-complex at 1:1)");
        }
        if (e.getMessage() == null || e.getMessage().isBlank()) {
            throw new AssertionError("an error without a message: " + e.code());
        }
        // The twin compiler counts \r\n, \r and \n as line breaks.
        String[] lines = query.split("\r\n|\r|\n", -1);
        if (e.line() < 1 || e.line() > lines.length || e.column() < 1 || e.column() > lines[e.line() - 1].length() + 1) {
            throw new AssertionError("the position " + e.line() + ":" + e.column() + " is outside the query ("
                    + e.code() + ": " + e.getMessage() + ")");
        }
    }

    private void checkPage(BoundQuery page, List<String> markers) {
        String sql = page.sql();
        String lower = sql.toLowerCase(Locale.ROOT);
        for (String marker : markers) {
            if (lower.contains(marker.toLowerCase(Locale.ROOT))) {
                throw new AssertionError("the literal " + marker + " is in the SQL text: " + sql);
            }
        }
        if (lower.contains("zqxlast") || lower.contains(HUB)) {
            throw new AssertionError("the continuation or the hub is in the SQL text: " + sql);
        }
        List<String> foreign = provenance.foreignParts(sql);
        if (!foreign.isEmpty()) {
            throw new AssertionError("the SQL holds text the compiler does not write: " + foreign + "\nSQL: " + sql);
        }
        Matcher placeholder = Pattern.compile("\\$([0-9]+)").matcher(sql);
        int highest = 0;
        while (placeholder.find()) {
            highest = Math.max(highest, Integer.parseInt(placeholder.group(1)));
        }
        if (highest != page.parameters().size()) {
            throw new AssertionError("placeholders up to $" + highest + " for " + page.parameters().size() + " parameters");
        }
        for (Object value : page.parameters()) {
            if (!(value instanceof String || value instanceof Long || value instanceof Double || value instanceof Boolean
                    || value instanceof String[])) {
                throw new AssertionError("a parameter of an unexpected type: " + value);
            }
        }
    }
}
