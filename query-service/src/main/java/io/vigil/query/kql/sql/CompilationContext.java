package io.vigil.query.kql.sql;

import io.vigil.query.kql.KqlErrorCodes;
import io.vigil.query.kql.TimeWindow;
import io.vigil.query.kql.catalog.WorkspaceCatalog;
import io.vigil.query.kql.syntax.Position;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The state of one compilation: bound parameters, alias numbering, the statement's "now", the time window.
 * Not thread-safe; one per {@code compile} call.
 */
public final class CompilationContext {

    /** Generated SQL longer than this is refused: let chains can double the text at every step. */
    static final int MAX_SQL_LENGTH = 1_000_000;

    /** PostgreSQL's limit on placeholders in one statement. */
    static final int MAX_PARAMETERS = 65535;

    /** SQL simple enough to be repeated in a template: a column reference, a placeholder, a typed NULL. */
    private static final Pattern SIMPLE = Pattern.compile("[A-Za-z0-9_.$:\"]+");

    private final WorkspaceCatalog catalog;
    private final Optional<TimeWindow> window;
    private final Optional<List<String>> hubs;
    private final Instant now;
    private final List<Object> parameters = new ArrayList<>();
    private int aliases;
    private String nowPlaceholder;

    public CompilationContext(WorkspaceCatalog catalog, Optional<TimeWindow> window, Instant now) {
        this(catalog, window, Optional.empty(), now);
    }

    /** {@code hubs}: the hubs' resource ids every table scan is limited to; empty for every hub. */
    public CompilationContext(WorkspaceCatalog catalog, Optional<TimeWindow> window, Optional<List<String>> hubs, Instant now) {
        this.catalog = catalog;
        this.window = window;
        this.hubs = hubs.map(List::copyOf);
        this.now = now;
    }

    public WorkspaceCatalog catalog() {
        return catalog;
    }

    public Optional<TimeWindow> window() {
        return window;
    }

    public Optional<List<String>> hubs() {
        return hubs;
    }

    public List<Object> parameters() {
        return parameters;
    }

    /**
     * Binds a value and returns its placeholder, cast to the SQL type of the Java value so that PostgreSQL infers
     * the parameter type from the cast (String → text, Long → bigint, Double → float8, Boolean → boolean,
     * OffsetDateTime → timestamptz, String[] → text[]).
     */
    public String bind(Object value) {
        String type;
        if (value instanceof String) {
            type = "text";
        } else if (value instanceof Long) {
            type = "bigint";
        } else if (value instanceof Double) {
            type = "float8";
        } else if (value instanceof Boolean) {
            type = "boolean";
        } else if (value instanceof OffsetDateTime) {
            type = "timestamptz";
        } else if (value instanceof String[]) {
            type = "text[]";
        } else {
            throw new IllegalArgumentException("cannot bind " + (value == null ? "null" : value.getClass().getName()));
        }
        parameters.add(value);
        return "$" + parameters.size() + "::" + type;
    }

    public String bindInstant(Instant instant) {
        return bind(instant.atOffset(ZoneOffset.UTC));
    }

    /** The one "now" of the statement: every now() and ago() reads the same placeholder. */
    public String now() {
        if (nowPlaceholder == null) {
            nowPlaceholder = bindInstant(now);
        }
        return nowPlaceholder;
    }

    /** Refuses SQL that grew beyond {@link #MAX_SQL_LENGTH}, or too many bound values; returns the SQL otherwise. */
    public String checkSize(String sql, Position position) {
        if (parameters.size() > MAX_PARAMETERS) {
            throw position.error(KqlErrorCodes.TOO_COMPLEX, "the query needs more than " + MAX_PARAMETERS
                    + " bound values (a let used many times over, or a very long list?)");
        }
        if (sql.length() > MAX_SQL_LENGTH) {
            throw position.error(KqlErrorCodes.TOO_COMPLEX, "the query expands to more than " + MAX_SQL_LENGTH
                    + " characters of SQL (a let used many times over?)");
        }
        return sql;
    }

    public String newAlias() {
        return "t" + (++aliases);
    }

    /**
     * Applies {@code template} to {@code value}'s SQL without evaluating a complex expression several times: a
     * simple value is substituted directly, anything else is computed once in a one-row subquery.
     */
    public String share(String valueSql, Function<String, String> template) {
        if (SIMPLE.matcher(valueSql).matches()) {
            return template.apply(valueSql);
        }
        String alias = newAlias();
        return "(SELECT " + template.apply(alias + ".v") + " FROM (SELECT " + valueSql + " AS v) AS " + alias + ")";
    }
}
